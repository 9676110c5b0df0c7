package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.analysis.ElmanBpttTest.assertMessage;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.nn.Cell;
import unrolled.nn.GRUCell;
import unrolled.nn.LSTMCell;
import unrolled.nn.PeepholeLSTMCell;
import unrolled.nn.RecurrentLayer;

/** Per-step gate activations of one example, as [time][unit] matrices. */
class GateTracesTest {

    private static final int T = 7;
    private static final int B = 3;
    private static final int I = 2;
    private static final int H = 5;

    private final Random random = new Random(21);
    private final List<Node> x = Fixtures.inputs(T, B, I, random);

    /**
     * Every trace is T × H, the sigmoid gates lie in (0, 1), the candidate in (−1, 1), and the traced h of the last
     * step is row {@code example} of the layer's last output.
     */
    private void assertTraces(GateTraces traces, Cell cell, List<String> names, List<String> sigmoidGates,
                              String candidate) {
        assertEquals(names, traces.names());
        assertEquals(T, traces.steps());
        assertEquals(H, traces.units());
        for (String name : names) {
            double[][] trace = traces.get(name);
            assertEquals(T, trace.length, name);
            for (double[] step : trace) {
                assertEquals(H, step.length, name);
                for (double v : step) {
                    boolean gate = sigmoidGates.contains(name);
                    assertTrue(!gate || v > 0 && v < 1, name + " = " + v + " is not in (0, 1)");
                    assertTrue(!name.equals(candidate) || v > -1 && v < 1, name + " = " + v + " is not in (−1, 1)");
                }
            }
        }
        Node h = new RecurrentLayer(cell).forward(x).lastOutput();
        for (int j = 0; j < H; j++) {
            assertEquals(h.get(traces.example(), j), traces.get("h")[T - 1][j], 1e-15);
        }
    }

    @Test
    void lstmGates() {
        LSTMCell cell = LSTMCell.random(I, H, random);
        GateTraces traces = GateTraces.lstm(cell, x, 2);
        assertTraces(traces, cell, List.of("i", "f", "g", "o", "c", "h"), List.of("i", "f", "o"), "g");
        assertTrue(traces.toString().contains("7 steps × 5 units, example 2"), traces.toString());
    }

    @Test
    void peepholeLstmGates() {
        PeepholeLSTMCell cell = PeepholeLSTMCell.random(I, H, random);
        assertTraces(GateTraces.peephole(cell, x, 0), cell, List.of("i", "f", "g", "o", "c", "h"),
                List.of("i", "f", "o"), "g");
    }

    @Test
    void gruGates() {
        GRUCell cell = GRUCell.random(I, H, random);
        assertTraces(GateTraces.gru(cell, x, 1), cell, List.of("r", "z", "n", "h"), List.of("r", "z"), "n");
    }

    @Test
    void badInputIsNamed() {
        LSTMCell cell = LSTMCell.random(I, H, random);
        assertMessage(() -> GateTraces.lstm(cell, List.of(), 0), "empty sequence for LSTMCell");
        assertMessage(() -> GateTraces.lstm(cell, x, 3), "example 3 is outside the batch of 3 (0..2)");
        assertMessage(() -> GateTraces.lstm(cell, x, 0).get("z"), "no trace named z; have [i, f, g, o, c, h]");
        assertMessage(() -> GateTraces.lstm(cell, Fixtures.inputs(T, B, I + 1, random), 0),
                "expected input of width 2, got 3");
    }
}
