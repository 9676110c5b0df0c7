package unrolled.data;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A mini-batch of windows in the shape a recurrent network reads: {@code inputs.get(t)} is the batch × 1 matrix of
 * the values x_t at step t (t = 0 … T−1) of every window, and {@code targets} is the batch × 1 matrix of the value
 * each window should predict, x_T. Row b of every matrix belongs to the same window.
 *
 * @param inputs  T matrices, each batch × 1, one per time step
 * @param targets batch × 1, the next value after each window
 */
public record Batch(List<DMatrixRMaj> inputs, DMatrixRMaj targets) {

    /**
     * Makes the list of inputs unmodifiable.
     *
     * @param inputs  T matrices, each batch × 1
     * @param targets batch × 1
     */
    public Batch {
        inputs = List.copyOf(inputs);
    }

    /** @return the number of windows (rows) in the batch */
    public int size() {
        return targets.numRows;
    }

    /** @return the number of time steps T */
    public int steps() {
        return inputs.size();
    }

    /** @return for example {@code Batch[32 windows × 20 steps: inputs 20 × (32×1), targets 32×1]} */
    @Override
    public String toString() {
        return "Batch[" + size() + " windows × " + steps() + " steps: inputs " + steps() + " × (" + size()
                + "×1), targets " + size() + "×1]";
    }
}
