package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.analysis.Fixtures.maxAbsDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Nonlinearity;
import unrolled.nn.Dense;
import unrolled.nn.ElmanCell;
import unrolled.nn.RecurrentLayer;

/** Hand-written BPTT against autodiff on the same parameter nodes. */
class ElmanBpttTest {

    private static final int I = 3;
    private static final int H = 4;
    private static final int Q = 5;

    /** Runs both and returns max |hand − autodiff| over the loss, every parameter gradient and every ∂L/∂h_t. */
    private static double disagreement(ElmanCell cell, Dense fc, List<Node> x, LossSummedOverTime loss) {
        ElmanBptt.Result hand = new ElmanBptt(cell, fc).run(x, loss);
        GradientFlow.Pass auto = GradientFlow.autodiff(new RecurrentLayer(cell), fc, x, loss);

        double max = Math.abs(hand.loss() - auto.loss().scalar());
        for (Map.Entry<String, Node> p : ElmanBptt.parameters(cell, fc)) {
            max = Math.max(max, maxAbsDiff(hand.gradient(p.getKey()), p.getValue().grad()));
        }
        assertEquals(ElmanBptt.parameters(cell, fc).names(), List.copyOf(hand.gradients().keySet()));
        assertEquals(x.size(), hand.dLdh().size());
        for (int t = 0; t < x.size(); t++) {
            max = Math.max(max, maxAbsDiff(hand.dLdh().get(t), auto.h().get(t).grad()));
            max = Math.max(max, maxAbsDiff(hand.h().get(t), auto.h().get(t).value()));
        }
        return max;
    }

    @ParameterizedTest(name = "{0}, T = {1}, batch {2}")
    @CsvSource({"cross-entropy, 1, 1", "cross-entropy, 1, 4", "cross-entropy, 5, 1", "cross-entropy, 5, 4",
                "cross-entropy, 20, 1", "cross-entropy, 20, 4",
                "MSE, 1, 1", "MSE, 1, 4", "MSE, 5, 1", "MSE, 5, 4", "MSE, 20, 1", "MSE, 20, 4"})
    void aLossAtEveryStepMatchesAutodiff(String kind, int steps, int batch) {
        Random random = new Random(1000 * steps + batch);
        ElmanCell cell = ElmanCell.random(I, H, random);
        Dense fc = Dense.random(H, Q, random);
        List<Node> x = Fixtures.inputs(steps, batch, I, random);
        LossSummedOverTime loss;
        if (kind.equals("MSE")) {
            List<DMatrixRMaj> y = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                y.add(Tensors.gaussian(batch, Q, 1.0, random));
            }
            loss = LossSummedOverTime.meanSquared(y);
        } else {
            loss = LossSummedOverTime.crossEntropy(Fixtures.classes(steps, batch, Q, random));
        }
        double diff = disagreement(cell, fc, x, loss);
        System.out.printf("ElmanBptt vs autodiff, %s, T = %d, batch %d: max |diff| = %.3g%n", kind, steps, batch, diff);
        assertTrue(diff <= 1e-10, "max |hand − autodiff| = " + diff);
    }

    @Test
    void otherActivationsAndMissingBiasesMatchAutodiff() {
        Random random = new Random(3);
        for (Nonlinearity phi : Nonlinearity.values()) {
            ElmanCell cell = new ElmanCell(phi, Node.param("weight_ih", Tensors.gaussian(H, I, 0.5, random)),
                    Node.param("weight_hh", Tensors.gaussian(H, H, 0.5, random)), null, null);
            Dense fc = new Dense(Node.param("weight", Tensors.gaussian(Q, H, 0.5, random)), null);
            List<Node> x = Fixtures.inputs(8, 3, I, random);
            LossSummedOverTime loss = LossSummedOverTime.crossEntropyAtLast(Fixtures.classes(1, 3, Q, random)[0]);
            double diff = disagreement(cell, fc, x, loss);
            assertTrue(diff <= 1e-10, phi + ": max |hand − autodiff| = " + diff);
        }
    }

    @Test
    void aLossAtTheLastStepLeavesEarlierOutputsWithoutGradient() {
        Random random = new Random(5);
        ElmanCell cell = ElmanCell.random(I, H, random);
        Dense fc = Dense.random(H, Q, random);
        ElmanBptt.Result r = new ElmanBptt(cell, fc).run(Fixtures.inputs(6, 2, I, random),
                LossSummedOverTime.crossEntropyAtLast(1, 4));
        // o_T alone carries a loss, so ∂L/∂W_qh = (∂L/∂o_T)ᵀ·h_T: its rows sum (over the classes) to zero.
        DMatrixRMaj dW_qh = r.gradient("fc.weight");
        for (int j = 0; j < H; j++) {
            double column = 0;
            for (int k = 0; k < Q; k++) {
                column += dW_qh.get(k, j);
            }
            assertEquals(0, column, 1e-15);
        }
        assertEquals(r.gradient("bias_ih").get(0, 2), r.gradient("bias_hh").get(0, 2), 0);
    }

    @Test
    void badInputIsNamed() {
        Random random = new Random(9);
        ElmanCell cell = ElmanCell.random(I, H, random);
        Dense fc = Dense.random(H, Q, random);
        ElmanBptt bptt = new ElmanBptt(cell, fc);
        LossSummedOverTime last = LossSummedOverTime.crossEntropyAtLast(0, 1);

        assertMessage(() -> bptt.run(List.of(), last), "empty sequence");
        assertMessage(() -> bptt.run(Fixtures.inputs(2, 2, I + 1, random), last), "expected input of width 3, got 4");
        List<Node> ragged = List.of(Node.constant(Tensors.zeros(2, I)), Node.constant(Tensors.zeros(3, I)));
        assertMessage(() -> bptt.run(ragged, last), "step 2 has a batch of 3 rows but step 1 has 2");
        assertMessage(() -> new ElmanBptt(cell, Dense.random(H + 1, Q, random)), "takes width 5 but the cell's hidden size is 4");
        assertMessage(() -> new ElmanBptt(cell, new Dense(Node.param("weight", Tensors.zeros(Q, H)),
                Node.param("bias", Tensors.zeros(1, 2)))), "bias must be 1×5, got 1×2");

        List<Node> x = Fixtures.inputs(3, 2, I, random);
        assertMessage(() -> bptt.run(x, LossSummedOverTime.crossEntropy(new int[] {0, 1})), "1 targets for a sequence of 3 steps");
        assertMessage(() -> bptt.run(x, LossSummedOverTime.crossEntropyAtLast(0, 1, 2)), "3 class labels for a batch of 2");
        assertMessage(() -> bptt.run(x, LossSummedOverTime.crossEntropyAtLast(0, 9)), "class 9 at step 3, row 1 is outside 0..4");
        assertMessage(() -> bptt.run(x, LossSummedOverTime.meanSquaredAtLast(Tensors.zeros(2, 3))),
                "target of step 3 is 2×3 but the output is 2×5");
        assertMessage(() -> LossSummedOverTime.crossEntropy(), "no targets");
        assertMessage(() -> LossSummedOverTime.crossEntropyAtLast(0, 1).graph(List.of()), "empty sequence");
        assertMessage(() -> bptt.run(x, last).gradient("weight"), "no gradient named weight; have [weight_ih");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable bad, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
