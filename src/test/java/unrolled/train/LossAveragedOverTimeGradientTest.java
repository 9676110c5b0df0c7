package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.calculus.GradCheck;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** The sequence losses against central finite differences, at T = 1 and T = 4, batch 1 and 3. */
class LossAveragedOverTimeGradientTest {

    private static List<Node> sequence(int steps, int batch, int width, Random random, String name) {
        return java.util.stream.IntStream.range(0, steps)
                .mapToObj(t -> Node.param(name + t, Tensors.uniform(batch, width, -2, 2, random))).toList();
    }

    @Test
    void meanSquaredErrorOverASequence() {
        for (int steps : new int[] {1, 4}) {
            for (int batch : new int[] {1, 3}) {
                Random random = new Random(steps * 10L + batch);
                List<Node> predictions = sequence(steps, batch, 2, random, "p");
                List<Node> targets = sequence(steps, batch, 2, random, "t");
                GradCheck.Report report = GradCheck.check(() -> LossAveragedOverTime.mse(predictions, targets), predictions);
                assertTrue(report.passed() && report.maxRelativeError() <= 1e-7, report::toString);
            }
        }
    }

    @Test
    void crossEntropyOverASequence() {
        for (int steps : new int[] {1, 4}) {
            for (int batch : new int[] {1, 3}) {
                Random random = new Random(steps * 10L + batch);
                List<Node> logits = sequence(steps, batch, 5, random, "z");
                int[][] classes = new int[steps][batch];
                for (int[] row : classes) {
                    for (int b = 0; b < batch; b++) {
                        row[b] = random.nextInt(5);
                    }
                }
                GradCheck.Report report = GradCheck.check(() -> LossAveragedOverTime.crossEntropy(logits, classes), logits);
                assertTrue(report.passed() && report.maxRelativeError() <= 1e-7, report::toString);
            }
        }
    }
}
