package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.ElmanCell;
import unrolled.nn.GRUCell;
import unrolled.nn.LSTMCell;
import unrolled.nn.State;

class CellRunTest {

    private static final List<Node> XS = List.of(Node.constant("x", Tensors.row(0.8, 1, 0)),
            Node.constant("x", Tensors.row(-0.5, 0, 0)));

    @Test
    void lstmValuesAreTheCellsAndObeyTheFormulas() {
        LSTMCell cell = LSTMCell.random(3, 2, new Random(4));
        CellRun run = CellRun.lstm(cell, XS);
        State s1 = cell.step(XS.get(0), cell.initialState(1)), s2 = cell.step(XS.get(1), s1);
        assertArrayEquals(s2.h().value().data, run.get(1, "h"), 0);
        assertArrayEquals(s1.c().value().data, run.get(1, "c0"), 0);
        for (int k = 0; k < 2; k++) {                               // c = f⊙c0 + i⊙g, h = o⊙tanh(c)
            double[] v = {run.get(1, "f")[k] * run.get(1, "c0")[k] + run.get(1, "i")[k] * run.get(1, "g")[k]};
            assertEquals(run.get(1, "c")[k], v[0], 1e-15);
            assertEquals(run.get(1, "h")[k], run.get(1, "o")[k] * Math.tanh(run.get(1, "c")[k]), 1e-15);
        }
        assertEquals(5, run.get(0, "hx").length);
    }

    @Test
    void gruAndRnnValues() {
        GRUCell gru = GRUCell.random(3, 2, new Random(5));
        CellRun g = CellRun.gru(gru, XS);
        for (int k = 0; k < 2; k++) {
            assertEquals(1, g.get(0, "omz")[k] + g.get(0, "z")[k], 1e-15);
            assertEquals(g.get(1, "h")[k], g.get(1, "zn")[k] + g.get(1, "zh")[k], 1e-15);
        }
        ElmanCell rnn = ElmanCell.random(3, 2, new Random(6));
        CellRun r = CellRun.rnn(rnn, XS);
        for (int k = 0; k < 2; k++) {
            assertEquals(r.get(1, "h")[k], Math.tanh(r.get(1, "a")[k]), 1e-15);
        }
        assertEquals("[0.800, 1.000, 0.000]", r.show(0, "x"));
        assertEquals(2, r.steps());
        assertArrayEquals(new double[] {r.get(0, "h")[1], r.get(1, "h")[1]}, r.trace("h", 1), 0);
    }

    @Test
    void namesTheMissingElementAndTheBadStep() {
        CellRun r = CellRun.rnn(ElmanCell.random(3, 2, new Random(6)), XS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.get(0, "c")).getMessage()
                .contains("no element c; have [h0, x, hx, a, h]"));
        assertThrows(IllegalArgumentException.class, () -> r.get(2, "h"));
        assertThrows(IllegalArgumentException.class,
                () -> CellRun.rnn(ElmanCell.random(3, 2, new Random(6)), List.of(Node.constant("x", Tensors.zeros(2, 3)))));
    }

    @Test
    void valueFormatWritesARealMinusAndNoNegativeZero() {
        assertEquals("−0.46", ValueFormat.number(-0.4621, 2));
        assertEquals("0.00", ValueFormat.number(-0.001, 2));
        assertEquals("[0.80, −1.00]", ValueFormat.vector(new double[] {0.8, -1}, 2));
    }
}
