package unrolled.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import unrolled.graph.Node;
import unrolled.nn.Cell;
import unrolled.nn.GRUCell;
import unrolled.nn.LSTMCell;
import unrolled.nn.PeepholeLSTMCell;
import unrolled.nn.State;

/**
 * What the gates of a gated cell do over a sequence, for one example of the batch: each gate's activations as a
 * {@code double[time][unit]} matrix, ready for a heatmap (time across, units down, or the other way round).
 *
 * <p>LSTM (and peephole LSTM): i, f, o ∈ (0, 1) (sigmoid gates), g ∈ (−1, 1) (candidate), the cell state c and
 * h = o ⊙ tanh(c). GRU: r, z ∈ (0, 1), n ∈ (−1, 1), h. A forget gate near 1 keeps c on its conveyor belt; an
 * update gate z near 1 keeps h. The cell runs under {@link Node#noGrad()}: only values are recorded.
 */
public final class GateTraces {

    /** One step seen from outside: the values to record, in the order of the names, and the state handed on. */
    private record Step(List<Node> values, State next) {}

    private final Map<String, double[][]> traces;
    private final int example;

    private GateTraces(Map<String, double[][]> traces, int example) {
        this.traces = traces;
        this.example = example;
    }

    /** Runs an LSTM over the inputs (each batch × input) from the zero state; traces i, f, g, o, c, h. */
    public static GateTraces lstm(LSTMCell cell, List<Node> inputs, int example) {
        return trace(cell, inputs, example, List.of("i", "f", "g", "o", "c", "h"),
                (x, state) -> lstmStep(cell.gates(x, state)));
    }

    /** Runs a peephole LSTM over the inputs; traces i, f, g, o, c, h. */
    public static GateTraces peephole(PeepholeLSTMCell cell, List<Node> inputs, int example) {
        return trace(cell, inputs, example, List.of("i", "f", "g", "o", "c", "h"),
                (x, state) -> lstmStep(cell.gates(x, state)));
    }

    /** Runs a GRU over the inputs; traces r, z, n, h. */
    public static GateTraces gru(GRUCell cell, List<Node> inputs, int example) {
        return trace(cell, inputs, example, List.of("r", "z", "n", "h"), (x, state) -> {
            GRUCell.Gates g = cell.gates(x, state);
            return new Step(List.of(g.r(), g.z(), g.n(), g.h()), State.of(g.h()));
        });
    }

    private static Step lstmStep(LSTMCell.Gates g) {
        return new Step(List.of(g.i(), g.f(), g.g(), g.o(), g.c(), g.h()), new State(g.h(), g.c()));
    }

    private static GateTraces trace(Cell cell, List<Node> inputs, int example, List<String> names,
                                    BiFunction<Node, State, Step> step) {
        String name = cell.getClass().getSimpleName();
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("GateTraces: empty sequence for " + name
                    + "; need at least one time step");
        }
        int batch = inputs.get(0).rows();
        if (example < 0 || example >= batch) {
            throw new IllegalArgumentException("GateTraces: example " + example + " is outside the batch of "
                    + batch + " (0.." + (batch - 1) + ")");
        }
        Map<String, double[][]> traces = new LinkedHashMap<>();
        names.forEach(n -> traces.put(n, new double[inputs.size()][]));
        try (Node.NoGrad ignored = Node.noGrad()) {
            State state = cell.initialState(batch);
            for (int t = 0; t < inputs.size(); t++) {
                Step s = step.apply(inputs.get(t), state);
                for (int k = 0; k < names.size(); k++) {
                    traces.get(names.get(k))[t] = row(s.values().get(k), example);
                }
                state = s.next();
            }
        }
        return new GateTraces(traces, example);
    }

    private static double[] row(Node node, int r) {
        double[] row = new double[node.cols()];
        for (int c = 0; c < row.length; c++) {
            row[c] = node.get(r, c);
        }
        return row;
    }

    /** The trace of one gate or state, [time][unit]; the error lists the names there are. */
    public double[][] get(String name) {
        double[][] trace = traces.get(name);
        if (trace == null) {
            throw new IllegalArgumentException("GateTraces: no trace named " + name + "; have " + names());
        }
        return trace;
    }

    /** The names traced, in the cell's order. */
    public List<String> names() {
        return new ArrayList<>(traces.keySet());
    }

    /** The number of time steps T. */
    public int steps() {
        return traces.values().iterator().next().length;
    }

    /** The number of hidden units H. */
    public int units() {
        return traces.values().iterator().next()[0].length;
    }

    /** Which example of the batch was traced. */
    public int example() {
        return example;
    }

    @Override
    public String toString() {
        return "GateTraces(" + names() + ", " + steps() + " steps × " + units() + " units, example " + example + ")";
    }
}
