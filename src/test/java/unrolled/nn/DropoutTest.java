package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Inverted dropout: a scaled 0/1 mask while training, the identity in evaluation. */
class DropoutTest {

    @Test
    void keptUnitsAreScaledAndGradientsFlowOnlyThroughThem() {
        double p = 0.25;
        Node x = Node.param("x", Tensors.uniform(40, 50, 0.5, 1.5, new java.util.Random(1)));
        Node y = new Dropout(p, 7).apply(x);
        y.sum().backward();
        int dropped = 0;
        for (int i = 0; i < x.value().getNumElements(); i++) {
            double yi = y.value().data[i];
            double gi = x.grad().data[i];
            if (yi == 0) {
                dropped++;
                assertEquals(0, gi, 0);
            } else {
                assertEquals(x.value().data[i] / (1 - p), yi, 1e-15);
                assertEquals(1 / (1 - p), gi, 1e-15);
            }
        }
        assertEquals(p, dropped / 2000.0, 0.03, "about p of the units are dropped");
    }

    @Test
    void evaluationAndZeroProbabilityAreTheIdentity() {
        Node x = Node.param("x", Tensors.ones(3, 4));
        assertSame(x, new Dropout(0.5, 1).eval().apply(x));
        assertSame(x, new Dropout(0, 1).apply(x));
        Dropout d = new Dropout(0.5, 1).eval().train();
        assertTrue(d.isTraining());
        assertTrue(d.toString().contains("p=0.5"));
    }

    @Test
    void reseedingRepeatsTheMasks() {
        Node x = Node.constant(Tensors.ones(5, 5));
        Dropout d = new Dropout(0.5, 3);
        double[] first = d.reseed(9).apply(x).value().data.clone();
        double[] other = d.apply(x).value().data.clone();
        double[] again = d.reseed(9).apply(x).value().data;
        assertArrayEquals(first, again, 0);
        assertTrue(!java.util.Arrays.equals(first, other));
    }
}
