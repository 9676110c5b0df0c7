package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static unrolled.train.Messages.fails;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Clipping by global norm as torch.nn.utils.clip_grad_norm_ does it, and by value. */
class ClippingTest {

    private final Node a = Node.param("a", Tensors.zeros(2, 2));
    private final Node b = Node.param("b", Tensors.zeros(1, 3));
    private final List<Node> both = List.of(a, b);

    /** Gives a the gradient [[3, 0], [0, 4]] and b [12, 0, 0]: the global norm is √(9 + 16 + 144) = 13. */
    private void setGradients() {
        Node loss = a.mul(Node.constant(Tensors.matrix(new double[][] {{3, 0}, {0, 4}}))).sum()
                .add(b.mul(Node.constant(Tensors.row(12, 0, 0))).sum());
        loss.backward();
    }

    @Test
    void totalNormIsTheNormOfAllGradientsAsOneVector() {
        setGradients();
        assertEquals(13, Clipping.totalNorm(both), 1e-15);
    }

    @Test
    void clipByNormScalesEveryGradientByMaxNormOverNormPlusEpsilon() {
        setGradients();
        double norm = Clipping.clipGradNorm(both, 6.5);
        assertEquals(13, norm, 1e-15, "returns the norm before clipping");
        double k = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * k, 0, 0, 4 * k}, a.grad().data, 1e-15);
        assertArrayEquals(new double[] {12 * k, 0, 0}, b.grad().data, 1e-15);
        // torch 2.13.0+cpu, float64: clip_grad_norm_([a, b], 6.5) returned 13.0 and left these gradients
        assertArrayEquals(new double[] {1.4999998846153937, 0, 0, 1.9999998461538582}, a.grad().data, 1e-15);
        assertArrayEquals(new double[] {5.999999538461575, 0, 0}, b.grad().data, 1e-15);
        assertEquals(6.5, Clipping.totalNorm(both), 1e-6, "the clipped norm is max_norm, just under");
    }

    @Test
    void underTheThresholdNothingChanges() {
        setGradients();
        DMatrixRMaj before = a.grad().copy();
        assertEquals(13, Clipping.clipGradNorm(both, 100), 1e-15);
        assertArrayEquals(before.data, a.grad().data, 0);
        assertArrayEquals(new double[] {12, 0, 0}, b.grad().data, 0);
    }

    @Test
    void clipByValueClampsEachEntry() {
        setGradients();
        Clipping.clipGradValue(both, 3.5);
        assertArrayEquals(new double[] {3, 0, 0, 3.5}, a.grad().data, 0);
        assertArrayEquals(new double[] {3.5, 0, 0}, b.grad().data, 0);
        Node w = Node.param("w", Tensors.row(0, 0));
        w.mul(Node.constant(Tensors.row(-7, 0.5))).sum().backward();
        Clipping.clipGradValue(List.of(w), 1);
        assertArrayEquals(new double[] {-1, 0.5}, w.grad().data, 0);
    }

    @Test
    void thresholdsMustBePositive() {
        fails(() -> Clipping.clipGradNorm(both, 0), "clipGradNorm: maxNorm must be a positive number, got 0.0");
        fails(() -> Clipping.clipGradValue(both, -1), "clipGradValue: clipValue must be a positive number, got -1.0");
    }
}
