package unrolled.plot;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.concat;
import static unrolled.graph.Ops.linear;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sub;
import static unrolled.graph.Ops.tanh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.ElmanCell;
import unrolled.nn.GRUCell;
import unrolled.nn.LSTMCell;
import unrolled.nn.State;

/**
 * One library cell run over a short sequence (a batch of one), with every vector its {@link CellSchematics
 * schematic} draws kept for every time step — the values come from the cell itself ({@code ElmanCell.step},
 * {@code LSTMCell.gates}, {@code GRUCell.gates}); only the products and sums a picture shows in between are
 * recomputed from them with the graph's ops:
 * <ul>
 *   <li>RNN: h0, x, hx = [h<sub>t−1</sub>, x<sub>t</sub>], a = W<sub>ih</sub>x + b<sub>ih</sub> + W<sub>hh</sub>h +
 *       b<sub>hh</sub>, h;</li>
 *   <li>LSTM: c0, h0, x, hx, f, i, g, o, fc = f⊙c<sub>t−1</sub>, ig = i⊙g, c, tc = tanh(c), h;</li>
 *   <li>GRU: h0, x, hx, r, z, n, omz = 1 − z, zn = (1 − z)⊙n, zh = z⊙h<sub>t−1</sub>, h.</li>
 * </ul>
 */
public final class CellRun {

    private final List<Map<String, Node>> steps;

    private CellRun(List<Map<String, Node>> steps) {
        this.steps = Collections.unmodifiableList(steps);
    }

    /** An Elman cell from h<sub>0</sub> = 0. */
    public static CellRun rnn(ElmanCell cell, List<Node> xs) {
        return rnn(cell, xs, cell.initialState(1));
    }

    /** An Elman cell from the given state; a<sub>t</sub> is recomputed from the cell's weights and biases. */
    public static CellRun rnn(ElmanCell cell, List<Node> xs, State initial) {
        Node wih = cell.weightIh(), whh = cell.weightHh(), bih = cell.biasIh(), bhh = cell.biasHh();
        List<Map<String, Node>> steps = new ArrayList<>();
        Node h = initial.h();
        for (Node x : requireSequence(xs)) {
            Node a = add(linear(x, wih, bih), linear(h, whh, bhh));
            Node next = cell.step(x, State.of(h)).h();
            steps.add(entries("h0", h, "x", x, "hx", concat(h, x), "a", a, "h", next));
            h = next;
        }
        return new CellRun(steps);
    }

    /** An LSTM cell from h<sub>0</sub> = c<sub>0</sub> = 0. */
    public static CellRun lstm(LSTMCell cell, List<Node> xs) {
        return lstm(cell, xs, cell.initialState(1));
    }

    /** An LSTM cell from the given state (h, c). */
    public static CellRun lstm(LSTMCell cell, List<Node> xs, State initial) {
        List<Map<String, Node>> steps = new ArrayList<>();
        State state = initial;
        for (Node x : requireSequence(xs)) {
            LSTMCell.Gates g = cell.gates(x, state);
            steps.add(entries("c0", state.c(), "h0", state.h(), "x", x, "hx", concat(state.h(), x),
                    "f", g.f(), "i", g.i(), "g", g.g(), "o", g.o(), "fc", mul(g.f(), state.c()),
                    "ig", mul(g.i(), g.g()), "c", g.c(), "tc", tanh(g.c()), "h", g.h()));
            state = g.state();
        }
        return new CellRun(steps);
    }

    /** A GRU cell from h<sub>0</sub> = 0. */
    public static CellRun gru(GRUCell cell, List<Node> xs) {
        return gru(cell, xs, cell.initialState(1));
    }

    /** A GRU cell from the given state. */
    public static CellRun gru(GRUCell cell, List<Node> xs, State initial) {
        List<Map<String, Node>> steps = new ArrayList<>();
        Node h = initial.h();
        for (Node x : requireSequence(xs)) {
            GRUCell.Gates g = cell.gates(x, State.of(h));
            Node oneMinusZ = sub(Node.constant("1", Tensors.ones(1, g.z().cols())), g.z());
            steps.add(entries("h0", h, "x", x, "hx", concat(h, x), "r", g.r(), "z", g.z(), "n", g.n(),
                    "omz", oneMinusZ, "zn", mul(oneMinusZ, g.n()), "zh", mul(g.z(), h), "h", g.h()));
            h = g.h();
        }
        return new CellRun(steps);
    }

    /** The number of time steps. */
    public int steps() {
        return steps.size();
    }

    /** The node of this element at time step t (counted from 0). */
    public Node node(int t, String name) {
        if (t < 0 || t >= steps.size()) {
            throw new IllegalArgumentException("CellRun: time step " + t + " of " + steps.size() + " (counted from 0)");
        }
        Node n = steps.get(t).get(name);
        if (n == null) {
            throw new IllegalArgumentException("CellRun: no element " + name + "; have " + steps.get(t).keySet());
        }
        return n;
    }

    /** A copy of the numbers of this element at time step t (counted from 0). */
    public double[] get(int t, String name) {
        return node(t, name).value().data.clone();
    }

    /** One unit of this element over all time steps: {@code get(t, name)[unit]} for t = 0, 1, …. */
    public double[] trace(String name, int unit) {
        double[] out = new double[steps.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = node(t, name).value().data[unit];
        }
        return out;
    }

    /** The numbers of this element at step t as the pictures write them: 3 decimals, a real minus sign. */
    public String show(int t, String name) {
        return ValueFormat.vector(get(t, name), 3);
    }

    /** The numbers of every element at step t, by name. */
    public Map<String, double[]> values(int t) {
        Map<String, double[]> out = new LinkedHashMap<>();
        steps.get(t).forEach((k, v) -> out.put(k, v.value().data.clone()));
        return out;
    }

    private static List<Node> requireSequence(List<Node> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("CellRun: the sequence is empty");
        }
        for (Node x : xs) {
            if (x.rows() != 1) {
                throw new IllegalArgumentException("CellRun: draws a batch of one, got an input of " + x.rows() + "×"
                        + x.cols());
            }
        }
        return xs;
    }

    private static Map<String, Node> entries(Object... nameThenNode) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (int k = 0; k < nameThenNode.length; k += 2) {
            m.put((String) nameThenNode[k], (Node) nameThenNode[k + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
