package unrolled.train;

/**
 * Thrown when training produces NaN or Inf — in the loss, a gradient or a parameter — or a loss that, still finite,
 * has grown past {@link Trainer#lossGrowth} times its first value, so that it never goes on with meaningless
 * numbers. The message says what went wrong, at which epoch and step, and what to try; the parameters are left as
 * they were before the failing step's update.
 */
public class TrainingDiverged extends RuntimeException {

    private final int epoch;
    private final int step;
    private final transient History history;

    TrainingDiverged(String message, int epoch, int step, History history) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.history = history;
    }

    /** The epoch (1-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The step within that epoch (1-based). */
    public int step() {
        return step;
    }

    /** The epochs finished before the divergence, to plot how it came about. */
    public History history() {
        return history;
    }
}
