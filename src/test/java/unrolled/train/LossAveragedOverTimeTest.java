package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static unrolled.train.Messages.fails;

import java.util.List;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Sequence losses on cases small enough to work out by hand. */
class LossAveragedOverTimeTest {

    private static Node p(double... row) {
        return Node.param("p", Tensors.row(row));
    }

    private static Node c(double... row) {
        return Node.constant("y", Tensors.row(row));
    }

    @Test
    void mseIsTheMeanOverStepsAndEntries() {
        Node p1 = p(1, 2);
        Node p2 = p(0, 0);
        Node loss = LossAveragedOverTime.mse(List.of(p1, p2), List.of(c(0, 0), c(1, 1)));
        // step 1: (1² + 2²)/2 = 2.5; step 2: (1² + 1²)/2 = 1; mean 1.75
        assertEquals(1.75, loss.scalar(), 1e-15);
        loss.backward();
        // ∂L/∂p_t = (1/T)·(2/N)(p_t − y_t) with T = N = 2
        assertArrayEquals(new double[] {0.5, 1}, p1.grad().data, 1e-15);
        assertArrayEquals(new double[] {-0.5, -0.5}, p2.grad().data, 1e-15);
    }

    @Test
    void crossEntropyIsTheMeanOverStepsAndRows() {
        Node z1 = Node.param("z1", Tensors.matrix(new double[][] {{0, 0}, {0, Math.log(3)}}));
        Node z2 = Node.param("z2", Tensors.matrix(new double[][] {{Math.log(3), 0}, {0, 0}}));
        Node loss = LossAveragedOverTime.crossEntropy(List.of(z1, z2), new int[][] {{0, 1}, {0, 1}});
        // step 1: rows −ln ½ and −ln ¾; step 2: rows −ln ¾ and −ln ½; every step's mean is (ln 2 + ln 4/3)/2
        double expected = (Math.log(2) + Math.log(4.0 / 3)) / 2;
        assertEquals(expected, loss.scalar(), 1e-15);
        Node oneHot = Node.constant("y", Tensors.matrix(new double[][] {{1, 0}, {0, 1}}));
        Node sameWithDistributions = LossAveragedOverTime.crossEntropy(List.of(z1, z2), List.of(oneHot, oneHot));
        assertEquals(expected, sameWithDistributions.scalar(), 1e-15);
        loss.backward();
        // ∂L/∂z = (ŷ − y)/(n·T): row 0 of step 1 has ŷ = (½, ½), y = (1, 0)
        assertArrayEquals(new double[] {-0.125, 0.125}, new double[] {z1.grad().get(0, 0), z1.grad().get(0, 1)}, 1e-15);
    }

    @Test
    void perplexityOfUniformPredictionsIsTheNumberOfClasses() {
        int classes = 5;
        List<Node> logits = List.of(Node.param("z", Tensors.zeros(2, classes)), Node.param("z", Tensors.zeros(2, classes)),
                Node.param("z", Tensors.zeros(2, classes)));
        int[][] targets = {{0, 4}, {2, 3}, {1, 1}};
        assertEquals(classes, LossAveragedOverTime.perplexity(logits, targets).scalar(), 1e-12);
        assertEquals(classes, LossAveragedOverTime.perplexity(LossAveragedOverTime.crossEntropy(logits, targets).scalar()), 1e-12);
        assertEquals(1, LossAveragedOverTime.perplexity(0), 0, "a certain model has perplexity 1");
    }

    @Test
    void anEmptySequence() {
        fails(() -> LossAveragedOverTime.mse(List.of(), List.of()), "LossAveragedOverTime.mse", "empty sequence");
        fails(() -> LossAveragedOverTime.crossEntropy(List.of(), new int[0][]), "crossEntropy", "empty sequence");
    }

    @Test
    void moreTargetsThanPredictions() {
        fails(() -> LossAveragedOverTime.mse(List.of(p(1)), List.of(c(1), c(2))), "LossAveragedOverTime.mse",
                "1 predictions but 2 targets");
        fails(() -> LossAveragedOverTime.crossEntropy(List.of(p(1, 2), p(1, 2)), new int[][] {{0}}),
                "crossEntropy", "2 predictions but 1 targets");
    }

    @Test
    void aStepWhoseShapesDoNotFitIsNamed() {
        fails(() -> LossAveragedOverTime.mse(List.of(p(1), p(1, 2)), List.of(c(1), c(1))), "LossAveragedOverTime.mse",
                "time step 1", "1×2", "1×1");
        fails(() -> LossAveragedOverTime.crossEntropy(List.of(p(1, 2)), new int[][] {{0, 1}}), "time step 0",
                "2 class labels", "1 rows");
    }
}
