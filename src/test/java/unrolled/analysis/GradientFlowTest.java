package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Nonlinearity;
import unrolled.nn.Dense;
import unrolled.nn.ElmanCell;
import unrolled.nn.RecurrentLayer;

/** ‖∂L/∂h_t‖ going back from a loss at the last step: vanishing with small weights, exploding with large ones. */
class GradientFlowTest {

    private static final int T = 30;
    private static final int I = 3;
    private static final int H = 6;
    private static final int Q = 4;

    private static double[] byGraph(ElmanCell cell, Dense fc, List<Node> x, LossSummedOverTime loss) {
        return GradientFlow.norms(new RecurrentLayer(cell), fc, x, loss);
    }

    private static double[] byHand(ElmanCell cell, Dense fc, List<Node> x, LossSummedOverTime loss) {
        return new ElmanBptt(cell, fc).run(x, loss).dLdhNorms();
    }

    private static void assertSameNorms(double[] hand, double[] graph) {
        for (int t = 0; t < hand.length; t++) {
            assertEquals(graph[t], hand[t], 1e-12 * graph[t], "‖∂L/∂h_" + (t + 1) + "‖");
        }
    }

    /** c·Q with Q a random orthogonal matrix: every singular value is c, so ‖G·W‖ = c‖G‖ for every G. */
    private static DMatrixRMaj scaledOrthogonal(double c, Random random) {
        DMatrixRMaj w = RandomMatrices_DDRM.orthogonal(H, H, random);
        CommonOps_DDRM.scale(c, w);
        return w;
    }

    @Test
    void smallRecurrentWeightsWithTanhMakeTheGradientVanish() {
        Random random = new Random(11);
        ElmanCell cell = ElmanCell.random(I, H, Nonlinearity.TANH, random);
        DMatrixRMaj w = cell.parameters().get("weight_hh").value();
        double sigma = 0.6;
        CommonOps_DDRM.scale(sigma / GradientFlow.spectralNorm(w), w);
        assertEquals(sigma, GradientFlow.spectralNorm(w), 1e-12);
        Dense fc = Dense.random(H, Q, random);
        List<Node> x = Fixtures.inputs(T, 2, I, random);
        LossSummedOverTime loss = LossSummedOverTime.crossEntropyAtLast(1, 3);

        double[] norms = byGraph(cell, fc, x, loss);
        // ‖∂L/∂h_t‖ ≤ (max|tanh′|·σ_max(W_hh))^(T−t)·‖∂L/∂h_T‖ with max|tanh′| = 1: at least geometric decay.
        for (double factor : GradientFlow.stepFactors(norms)) {
            assertTrue(factor <= sigma, "one step back multiplies the norm by " + factor + " > σ = " + sigma);
        }
        assertTrue(norms[0] <= Math.pow(sigma, T - 1) * norms[T - 1]);
        assertTrue(norms[0] < 1e-6 * norms[T - 1], "‖∂L/∂h_1‖/‖∂L/∂h_T‖ = " + norms[0] / norms[T - 1]);
        assertSameNorms(byHand(cell, fc, x, loss), norms);
    }

    @Test
    void largeRecurrentWeightsOnALinearCellMakeItExplode() {
        Random random = new Random(12);
        double c = 1.5;
        ElmanCell cell = new ElmanCell(Nonlinearity.IDENTITY, Node.param("weight_ih", Tensors.gaussian(H, I, 0.1, random)),
                Node.param("weight_hh", scaledOrthogonal(c, random)), null, null);
        Dense fc = Dense.random(H, Q, random);
        List<Node> x = Fixtures.inputs(T, 3, I, random);
        LossSummedOverTime loss = LossSummedOverTime.crossEntropyAtLast(0, 1, 2);

        double[] norms = byGraph(cell, fc, x, loss);
        // ∂L/∂h_{t−1} = ∂L/∂h_t·W_hh with W_hh = 1.5·(orthogonal): exactly 1.5 times larger per step back.
        for (double factor : GradientFlow.stepFactors(norms)) {
            assertEquals(c, factor, 1e-9);
        }
        assertEquals(Math.pow(c, T - 1), norms[0] / norms[T - 1], 1e-9 * Math.pow(c, T - 1));
        assertSameNorms(byHand(cell, fc, x, loss), norms);
    }

    @Test
    void largeRecurrentWeightsOnAReluCellMakeItExplode() {
        Random random = new Random(13);
        double c = 1.3;
        // Positive inputs and input weights keep every unit active, so relu′ = 1 and only W_hh = 1.3·I acts.
        DMatrixRMaj wHh = CommonOps_DDRM.identity(H);
        CommonOps_DDRM.scale(c, wHh);
        ElmanCell cell = new ElmanCell(Nonlinearity.RELU, Node.param("weight_ih", Tensors.uniform(H, I, 0.1, 1, random)),
                Node.param("weight_hh", wHh), Node.param("bias_ih", Tensors.filled(1, H, 0.1)), null);
        Dense fc = Dense.random(H, Q, random);
        List<Node> x = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            x.add(Node.constant(Tensors.uniform(2, I, 0, 1, random)));
        }
        LossSummedOverTime loss = LossSummedOverTime.crossEntropyAtLast(2, 0);

        double[] norms = byGraph(cell, fc, x, loss);
        for (double factor : GradientFlow.stepFactors(norms)) {
            assertEquals(c, factor, 1e-9);
        }
        assertSameNorms(byHand(cell, fc, x, loss), norms);
    }

    @Test
    void normsAreReadFromTheNodesAfterBackward() {
        Random random = new Random(14);
        ElmanCell cell = ElmanCell.random(I, H, random);
        Dense fc = Dense.random(H, Q, random);
        List<Node> x = Fixtures.inputs(4, 2, I, random);
        GradientFlow.Pass pass = GradientFlow.autodiff(new RecurrentLayer(cell), fc, x,
                LossSummedOverTime.crossEntropyAtLast(0, 0));
        double[] norms = GradientFlow.norms(pass.h());
        assertEquals(4, norms.length);
        assertEquals(Math.sqrt(CommonOps_DDRM.elementSum(elementSquare(pass.h().get(1).grad()))), norms[1], 1e-15);
        // A second autodiff pass zeroes the parameters first: the gradients do not double.
        DMatrixRMaj first = cell.parameters().get("weight_hh").grad().copy();
        GradientFlow.autodiff(new RecurrentLayer(cell), fc, x, LossSummedOverTime.crossEntropyAtLast(0, 0));
        assertEquals(0, Fixtures.maxAbsDiff(first, cell.parameters().get("weight_hh").grad()), 0);
        assertArrayEquals(new double[] {0.5, 4}, GradientFlow.stepFactors(new double[] {1, 2, 0.5}));
        assertEquals(0, GradientFlow.stepFactors(new double[] {1}).length);
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        DMatrixRMaj s = m.copy();
        CommonOps_DDRM.elementMult(s, m);
        return s;
    }
}
