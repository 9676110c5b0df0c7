package unrolled.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Sliding windows over a series, each of T consecutive values x_k … x_{k+T−1} paired with the value that follows,
 * x_{k+T}, as its target: one training example per window, for a many-to-one forecaster. Made by
 * {@link TimeSeries#windows(int)} and {@link TimeSeries#split}; turned into mini-batches by {@link #batches(int)} and
 * {@link #batches(int, Random)}. (Not to be confused with a {@code unrolled.train.Window}, which is k steps of a batch
 * of streams with a target at every step, as truncated BPTT cuts a long sequence.)
 */
public final class SlidingWindows {

    private final String name;
    private final double[][] inputs;
    private final double[] targets;

    private SlidingWindows(String name, double[][] inputs, double[] targets) {
        this.name = name;
        this.inputs = inputs;
        this.targets = targets;
    }

    /**
     * Sliding windows from explicit arrays (copied).
     *
     * @param name    what to call them in messages and {@code toString}, e.g. "train"
     * @param inputs  one row per window, all rows of the same length T ≥ 1
     * @param targets one target per window
     * @return the windows
     * @throws IllegalArgumentException if the counts differ, rows are ragged or empty, or a value is not finite
     */
    public static SlidingWindows of(String name, double[][] inputs, double[] targets) {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("SlidingWindows '" + name + "': " + inputs.length + " input rows but "
                    + targets.length + " targets");
        }
        int steps = inputs.length == 0 ? 0 : inputs[0].length;
        double[][] copy = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].length != steps || steps == 0) {
                throw new IllegalArgumentException("SlidingWindows '" + name + "': window " + k + " has " + inputs[k].length
                        + " steps, expected " + (steps == 0 ? "at least 1" : steps));
            }
            requireFinite(name, "window " + k, inputs[k]);
            copy[k] = inputs[k].clone();
        }
        requireFinite(name, "targets", targets);
        return new SlidingWindows(name, copy, targets.clone());
    }

    /** The windows k = from … to−1 of a series: inputs values[k … k+steps−1], target values[k+steps]. */
    static SlidingWindows slide(String name, double[] values, int steps, int from, int to) {
        double[][] inputs = new double[to - from][];
        double[] targets = new double[to - from];
        for (int k = from; k < to; k++) {
            inputs[k - from] = Arrays.copyOfRange(values, k, k + steps);
            targets[k - from] = values[k + steps];
        }
        return new SlidingWindows(name, inputs, targets);
    }

    private static void requireFinite(String name, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("SlidingWindows '" + name + "': " + what + " has " + values[i]
                        + " at index " + i);
            }
        }
    }

    /** @return the name given to these windows, e.g. "train" */
    public String name() {
        return name;
    }

    /** @return the number of windows */
    public int size() {
        return targets.length;
    }

    /** @return the window length T (0 when there are no windows) */
    public int steps() {
        return inputs.length == 0 ? 0 : inputs[0].length;
    }

    /** @return a copy of the inputs, one row of T values per window */
    public double[][] inputs() {
        return Arrays.stream(inputs).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a copy of the targets, one per window, in order (handy as the "actual" curve of a plot) */
    public double[] targets() {
        return targets.clone();
    }

    /** @return every window, in order, as one batch */
    public Batch all() {
        return batch(IntStream.range(0, size()).toArray());
    }

    /**
     * The windows at the given indices as one batch; row b of every matrix is window {@code indices[b]}.
     *
     * @param indices which windows, in the order wanted
     * @return the batch: T inputs of batch × 1, targets batch × 1
     * @throws IllegalArgumentException if there are no indices or one is out of range
     */
    public Batch batch(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("SlidingWindows '" + name + "': a batch needs at least one window");
        }
        List<DMatrixRMaj> steps = new ArrayList<>();
        for (int t = 0; t < steps(); t++) {
            steps.add(new DMatrixRMaj(indices.length, 1));
        }
        DMatrixRMaj target = new DMatrixRMaj(indices.length, 1);
        for (int b = 0; b < indices.length; b++) {
            int k = indices[b];
            if (k < 0 || k >= size()) {
                throw new IllegalArgumentException("SlidingWindows '" + name + "': no window " + k + " (there are " + size()
                        + ")");
            }
            for (int t = 0; t < steps(); t++) {
                steps.get(t).set(b, 0, inputs[k][t]);
            }
            target.set(b, 0, targets[k]);
        }
        return new Batch(steps, target);
    }

    /**
     * Consecutive mini-batches in time order; the last one is smaller when {@code batchSize} does not divide
     * {@link #size()}.
     *
     * @param batchSize windows per batch, ≥ 1
     * @return ⌈size / batchSize⌉ batches (none when there are no windows)
     */
    public List<Batch> batches(int batchSize) {
        return batches(batchSize, null);
    }

    /**
     * Mini-batches after shuffling the windows with {@code random} (a Fisher–Yates shuffle), so the same seed
     * gives the same batches. The last batch is smaller when {@code batchSize} does not divide {@link #size()}.
     *
     * @param batchSize windows per batch, ≥ 1
     * @param random    the source of the shuffle, e.g. {@code new Random(42)}; {@code null} keeps time order
     * @return ⌈size / batchSize⌉ batches
     * @throws IllegalArgumentException if {@code batchSize} &lt; 1
     */
    public List<Batch> batches(int batchSize, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("SlidingWindows '" + name + "': batch size must be at least 1, got "
                    + batchSize);
        }
        int[] order = IntStream.range(0, size()).toArray();
        if (random != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            batches.add(batch(Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length))));
        }
        return batches;
    }

    /** @return for example {@code SlidingWindows[train: 220 windows of 20 steps → next value]} */
    @Override
    public String toString() {
        return "SlidingWindows[" + name + ": " + size() + " windows of " + steps() + " steps → next value]";
    }
}
