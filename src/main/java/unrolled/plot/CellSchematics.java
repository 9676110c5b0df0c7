package unrolled.plot;

import java.util.List;
import unrolled.plot.CellSchematic.Element;
import unrolled.plot.CellSchematic.Stage;
import unrolled.plot.CellSchematic.Wire;

/**
 * The schematics of the Elman RNN, LSTM and GRU cells, on one layout: what comes in — h<sub>t−1</sub> and x<sub>t</sub>
 * and their concatenation [h<sub>t−1</sub>, x<sub>t</sub>] — at the bottom, the gates and the candidate in the
 * middle row, the state that runs from step to step (the LSTM's c, the GRU's h, the RNN's h) at the top, time
 * running left to right. The names of the elements are the keys of a {@link CellRun} of the same cell, and the
 * stages follow the formulas in PyTorch's notation:
 * <ul>
 *   <li>RNN: a<sub>t</sub> = W<sub>ih</sub>x<sub>t</sub> + b<sub>ih</sub> + W<sub>hh</sub>h<sub>t−1</sub> +
 *       b<sub>hh</sub>, h<sub>t</sub> = tanh(a<sub>t</sub>);</li>
 *   <li>LSTM: f, i, g, then c<sub>t</sub> = f<sub>t</sub>⊙c<sub>t−1</sub> + i<sub>t</sub>⊙g<sub>t</sub>, then o,
 *       then h<sub>t</sub> = o<sub>t</sub>⊙tanh(c<sub>t</sub>);</li>
 *   <li>GRU: r, z, n<sub>t</sub> = tanh(W<sub>in</sub>x<sub>t</sub> + b<sub>in</sub> + r<sub>t</sub>⊙(W<sub>hn</sub>
 *       h<sub>t−1</sub> + b<sub>hn</sub>)), then h<sub>t</sub> = (1 − z<sub>t</sub>)⊙n<sub>t</sub> +
 *       z<sub>t</sub>⊙h<sub>t−1</sub>.</li>
 * </ul>
 * The layout is made for 2 hidden units and is stretched sideways for more; it suits small cells (up to about 8
 * numbers per vector), the ones whose numbers a reader can follow.
 */
public final class CellSchematics {

    private CellSchematics() {}

    /** The Elman cell with a tanh activation: {@code rnn(inputs, hidden, "tanh")}. */
    public static CellSchematic rnn(int inputs, int hidden) {
        return rnn(inputs, hidden, "tanh");
    }

    /**
     * The Elman cell h<sub>t</sub> = act(W<sub>ih</sub>x<sub>t</sub> + b<sub>ih</sub> + W<sub>hh</sub>h<sub>t−1</sub>
     * + b<sub>hh</sub>) in three stages: what comes in, the pre-activation a<sub>t</sub>, the new state.
     *
     * @param activation the activation's name as drawn in the tag of h<sub>t</sub>, e.g. "tanh"
     */
    public static CellSchematic rnn(int inputs, int hidden, String activation) {
        Layout l = new Layout(inputs, hidden);
        return new CellSchematic("RNN (Elman) cell", "", l.width(), l.height(), List.of(
                l.hidden("h0", "h_{t−1}", null, 80, 320, false), l.input(80, 375), l.concat(360, 350),
                l.hidden("a", "a_t", "W·+b", 360, 250, false),
                l.hidden("h", "h_t", activation, 630, 170, false)),
            List.of(new Wire("h0", "hx", "HVH"), new Wire("x", "hx", "HVH"), new Wire("hx", "a", "V"),
                new Wire("a", "h", "HV")),
            List.of(
                new Stage("what comes in", "the state h_{t−1} from step t−1 and the input x_t, side by side",
                        List.of("h0", "x", "hx")),
                new Stage("pre-activation", "a_t = W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh}", List.of("a")),
                new Stage("new state", "h_t = " + activation + "(a_t)", List.of("h"))));
    }

    /** The LSTM cell in seven stages: what comes in, f, i, g, the new cell state, o, the output. */
    public static CellSchematic lstm(int inputs, int hidden) {
        Layout l = new Layout(inputs, hidden);
        return new CellSchematic("LSTM cell", "", l.width(), l.height(), List.of(
                l.hidden("c0", "c_{t−1}", null, 80, 90, false),
                l.hidden("fc", "f_t⊙c_{t−1}", "×", 330, 90, false),
                l.hidden("c", "c_t", "+", 560, 90, false),
                l.hidden("ig", "i_t⊙g_t", "×", 450, 170, false),
                l.hidden("f", "f_t", "σ", 160, 250, true),
                l.hidden("i", "i_t", "σ", 300, 250, true),
                l.hidden("g", "g_t", "tanh", 450, 250, false),
                l.hidden("o", "o_t", "σ", 600, 250, true),
                l.hidden("tc", "tanh(c_t)", "tanh", 690, 170, false),
                l.hidden("h", "h_t", "×", 690, 340, false),
                l.hidden("h0", "h_{t−1}", null, 80, 320, false), l.input(80, 375), l.concat(360, 350)),
            List.of(new Wire("c0", "fc", "H"), new Wire("f", "fc", "VHV"), new Wire("fc", "c", "H"),
                new Wire("ig", "c", "HV"), new Wire("i", "ig", "VH"), new Wire("g", "ig", "V"),
                new Wire("c", "tc", "HV"), new Wire("tc", "h", "V"), new Wire("o", "h", "VH"),
                new Wire("h0", "hx", "HVH"), new Wire("x", "hx", "HVH"), new Wire("hx", "f", "VHV"),
                new Wire("hx", "i", "VHV"), new Wire("hx", "g", "VHV"), new Wire("hx", "o", "VHV")),
            List.of(
                new Stage("what comes in", "the state (h_{t−1}, c_{t−1}) from step t−1 and the input x_t",
                        List.of("c0", "h0", "x", "hx")),
                new Stage("forget gate", "f_t = σ(W_{if} x_t + b_{if} + W_{hf} h_{t−1} + b_{hf})", List.of("f")),
                new Stage("input gate", "i_t = σ(W_{ii} x_t + b_{ii} + W_{hi} h_{t−1} + b_{hi})", List.of("i")),
                new Stage("candidate", "g_t = tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t−1} + b_{hg})", List.of("g")),
                new Stage("new cell state", "c_t = f_t⊙c_{t−1} + i_t⊙g_t", List.of("fc", "ig", "c")),
                new Stage("output gate", "o_t = σ(W_{io} x_t + b_{io} + W_{ho} h_{t−1} + b_{ho})", List.of("o")),
                new Stage("output", "h_t = o_t⊙tanh(c_t)", List.of("tc", "h"))));
    }

    /** The GRU cell (PyTorch's variant) in five stages: what comes in, r, z, the candidate n, the new state. */
    public static CellSchematic gru(int inputs, int hidden) {
        Layout l = new Layout(inputs, hidden);
        return new CellSchematic("GRU cell", "", l.width(), l.height(), List.of(
                l.hidden("h0", "h_{t−1}", null, 80, 90, false),
                l.hidden("zh", "z_t⊙h_{t−1}", "×", 310, 90, false),
                l.hidden("h", "h_t", "+", 630, 90, false),
                l.hidden("omz", "1 − z_t", "1−", 460, 170, true),
                l.hidden("zn", "(1 − z_t)⊙n_t", "×", 630, 170, false),
                l.hidden("z", "z_t", "σ", 310, 250, true),
                l.hidden("r", "r_t", "σ", 460, 250, true),
                l.hidden("n", "n_t", "tanh", 630, 250, false),
                l.input(80, 380), l.concat(360, 340)),
            List.of(new Wire("h0", "zh", "H"), new Wire("z", "zh", "V"), new Wire("zh", "h", "H"),
                new Wire("zn", "h", "V"), new Wire("z", "omz", "VH"), new Wire("omz", "zn", "H"),
                new Wire("n", "zn", "V"), new Wire("r", "n", "H"), new Wire("h0", "hx", "VH"),
                new Wire("x", "hx", "HVH"), new Wire("hx", "z", "VHV"), new Wire("hx", "r", "VHV"),
                new Wire("hx", "n", "VHV")),
            List.of(
                new Stage("what comes in", "the state h_{t−1} from step t−1 and the input x_t", List.of("h0", "x", "hx")),
                new Stage("reset gate", "r_t = σ(W_{ir} x_t + b_{ir} + W_{hr} h_{t−1} + b_{hr})", List.of("r")),
                new Stage("update gate", "z_t = σ(W_{iz} x_t + b_{iz} + W_{hz} h_{t−1} + b_{hz})", List.of("z")),
                new Stage("candidate", "n_t = tanh(W_{in} x_t + b_{in} + r_t⊙(W_{hn} h_{t−1} + b_{hn}))", List.of("n")),
                new Stage("new state", "h_t = (1 − z_t)⊙n_t + z_t⊙h_{t−1}", List.of("omz", "zn", "zh", "h"))));
    }

    /** Positions on the 2-unit grid, stretched sideways by hidden / 2 for wider cells. */
    private record Layout(int inputs, int hidden) {
        Layout {
            if (inputs < 1 || hidden < 1) {
                throw new IllegalArgumentException("CellSchematics: sizes must be ≥ 1, got " + inputs + " inputs and "
                        + hidden + " hidden units");
            }
        }

        double stretch() {
            return Math.max(1, hidden / 2.0);
        }

        int x(int grid) {
            return (int) Math.round(grid * stretch());
        }

        int width() {
            return Math.max(x(760), x(360) + (inputs + hidden) * Element.CELL_WIDTH / 2 + 20);
        }

        int height() {
            return 480;
        }

        Element hidden(String name, String label, String op, int gridX, int y, boolean gate) {
            return new Element(name, label, op, x(gridX), y, hidden, gate);
        }

        Element input(int gridX, int y) {
            return new Element("x", "x_t", null, Math.max(x(gridX), inputs * Element.CELL_WIDTH / 2 + 12), y, inputs,
                    false);
        }

        Element concat(int gridX, int y) {
            return new Element("hx", "[h_{t−1}, x_t]", null, x(gridX), y, hidden + inputs, false);
        }
    }
}
