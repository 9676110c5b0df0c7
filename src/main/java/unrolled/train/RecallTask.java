package unrolled.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;

/**
 * A task that needs a long memory, in the spirit of Hochreiter and Schmidhuber's 1997 experiments: at each of T steps
 * the network reads a random symbol out of C (one-hot) and a marker bit; the marker is 1 at exactly one step, among
 * the first M, and at the last step the network must name the symbol that was marked (many-to-one).
 * <pre>
 *   x_t = [one-hot(s_t), m_t],   s_t uniform in {0 … C−1},   m_t = 1 only at t = p, p uniform in {0 … M−1}
 *   target: s_p, read after step T, so it must be kept for at least T − M steps
 * </pre>
 * Every other step shows a symbol just like the marked one, so the memory must be written only when the marker is
 * on and then protected from T − p − 1 distractors: an input gate's job. Guessing scores 1/C.
 */
public final class RecallTask {

    /** T input steps, each batch × (C + 1), and the marked symbol of every row. */
    public record Batch(List<Node> inputs, int[] labels) {}

    private final int classes;
    private final int length;
    private final int markWithin;

    /**
     * @param classes    C ≥ 2 symbols
     * @param length     T ≥ 2 steps
     * @param markWithin M in [1, T]: the marker falls on one of the first M steps (M = 1: always the first)
     */
    public RecallTask(int classes, int length, int markWithin) {
        HyperParameters.requireCount("RecallTask", "number of classes − 1", classes - 1);
        HyperParameters.requireCount("RecallTask", "length − 1", length - 1);
        if (markWithin < 1 || markWithin > length) {
            throw new IllegalArgumentException("RecallTask: the marker must fall within the first M steps with M in"
                    + " [1, " + length + "], got M = " + markWithin);
        }
        this.classes = classes;
        this.length = length;
        this.markWithin = markWithin;
    }

    /** A batch of fresh random sequences. */
    public Batch batch(int size, Random random) {
        HyperParameters.requireCount("RecallTask.batch", "size", size);
        int[] marked = new int[size];
        int[] labels = new int[size];
        for (int b = 0; b < size; b++) {
            marked[b] = random.nextInt(markWithin);
        }
        List<Node> inputs = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            DMatrixRMaj x = new DMatrixRMaj(size, inputSize());
            for (int b = 0; b < size; b++) {
                int symbol = random.nextInt(classes);
                x.set(b, symbol, 1.0);
                if (t == marked[b]) {
                    x.set(b, classes, 1.0);
                    labels[b] = symbol;
                }
            }
            inputs.add(Node.constant("x" + t, x));
        }
        return new Batch(inputs, labels);
    }

    /** The width of an input, C + 1. */
    public int inputSize() {
        return classes + 1;
    }

    public int classes() {
        return classes;
    }

    /** T, the number of steps. */
    public int length() {
        return length;
    }

    /** The fewest steps the marked symbol must be remembered for, T − M. */
    public int memorySpan() {
        return length - markWithin;
    }

    /** The accuracy of guessing, 1/C. */
    public double chance() {
        return 1.0 / classes;
    }

    @Override
    public String toString() {
        return "RecallTask(" + classes + " symbols, T = " + length + ", marker in the first " + markWithin + " steps)";
    }
}
