package unrolled.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;

/**
 * Cuts one long sequence of T steps into {@link Window}s of k steps for truncated BPTT, the two ways the d2l course
 * does it:
 * <ul>
 *   <li>{@link #sequential sequential}: the sequence is split into B streams, one per batch row, and consecutive
 *       windows continue every stream, so the state at the end of one window is the right start for the next
 *       ({@link Window#carriesState()}); gradients still stop at the window edge.</li>
 *   <li>{@link #random random}: windows start at random positions (a random offset, then every k-th step, shuffled)
 *       and each begins from the zero state.</li>
 * </ul>
 * The step at position p has input row {@code inputs(p)} and target row {@code targets(p)}; the factories build these
 * for next-token and next-value prediction.
 */
public final class SequenceSampler {

    private final int length;
    private final Function<int[], DMatrixRMaj> inputRows;
    private final Function<int[], DMatrixRMaj> targetRows;
    private final int[] tokenIds;

    private SequenceSampler(int length, Function<int[], DMatrixRMaj> inputRows,
                            Function<int[], DMatrixRMaj> targetRows) {
        this(length, inputRows, targetRows, null);
    }

    private SequenceSampler(int length, Function<int[], DMatrixRMaj> inputRows,
                            Function<int[], DMatrixRMaj> targetRows, int[] tokenIds) {
        this.length = length;
        this.inputRows = inputRows;
        this.targetRows = targetRows;
        this.tokenIds = tokenIds;
    }

    /**
     * Steps given as matrices: step p has input row p of {@code inputs} (T × in) and target row p of {@code targets}
     * (T × out).
     */
    public static SequenceSampler of(DMatrixRMaj inputs, DMatrixRMaj targets) {
        if (inputs.numRows != targets.numRows) {
            throw new IllegalArgumentException("SequenceSampler: " + inputs.numRows + " input rows but "
                    + targets.numRows + " target rows; need one target per step");
        }
        return new SequenceSampler(inputs.numRows, p -> rows(inputs, p), p -> rows(targets, p));
    }

    /**
     * A language model's data: the input at step p is the one-hot vector of token p, the target the one-hot vector of
     * token p + 1 (T = corpus length − 1). One-hot rows are made per window, so a large vocabulary costs no memory.
     *
     * @param corpus     token indices in [0, vocabSize)
     * @param vocabSize  V, the width of the one-hot vectors
     */
    public static SequenceSampler ofTokens(int[] corpus, int vocabSize) {
        for (int i = 0; i < corpus.length; i++) {
            if (corpus[i] < 0 || corpus[i] >= vocabSize) {
                throw new IllegalArgumentException("SequenceSampler.ofTokens: token " + corpus[i] + " at position "
                        + i + " is outside the vocabulary [0, " + vocabSize + ")");
            }
        }
        requireTwo("ofTokens", corpus.length);
        return new SequenceSampler(corpus.length - 1, p -> oneHot(corpus, p, vocabSize),
                p -> oneHot(corpus, shift(p), vocabSize));
    }

    /**
     * A language model's data as integer ids, for a model that looks its inputs up in an embedding: the input at step p
     * is token p, the target token p + 1 (T = corpus length − 1). Every {@link Window} carries the ids as integers
     * ({@link Window#inputIds()}, {@link Window#targetIds()}: [t][b] = the token of row b at step t) and, as its
     * nodes, the same ids as numbers in batch × 1 columns — the values {@link #of} gives for T × 1 matrices of ids.
     *
     * @param corpus token ids, each ≥ 0
     */
    public static SequenceSampler ofTokenIds(int[] corpus) {
        for (int i = 0; i < corpus.length; i++) {
            if (corpus[i] < 0) {
                throw new IllegalArgumentException("SequenceSampler.ofTokenIds: token " + corpus[i] + " at position "
                        + i + " is negative; ids count from 0");
            }
        }
        requireTwo("ofTokenIds", corpus.length);
        int[] ids = corpus.clone();
        return new SequenceSampler(ids.length - 1, p -> idColumn(ids, p), p -> idColumn(ids, shift(p)), ids);
    }

    /** Next-value prediction on a series: input x_p, target x_{p+1}, each 1 wide (T = length − 1). */
    public static SequenceSampler ofSeries(double[] series) {
        requireTwo("ofSeries", series.length);
        DMatrixRMaj column = new DMatrixRMaj(series.length, 1, true, series);
        return new SequenceSampler(series.length - 1, p -> rows(column, p), p -> rows(column, shift(p)));
    }

    /** The number of steps T. */
    public int length() {
        return length;
    }

    /** Sequential windows from the first step on (no random offset), as needed for reproducible runs. */
    public List<Window> sequential(int batchSize, int steps) {
        return sequentialFrom(0, batchSize, steps);
    }

    /**
     * Sequential sampling with d2l's random offset in [0, k): stream b covers L = ⌊(T − offset)/B⌋ steps from
     * offset + b·L, and window i holds steps i·k … i·k + k − 1 of every stream, for i = 0 … ⌊L/k⌋ − 1.
     */
    public List<Window> sequential(int batchSize, int steps, Random random) {
        requireSizes("sequential", batchSize, steps);
        return sequentialFrom(random.nextInt(steps), batchSize, steps);
    }

    /**
     * Random sampling: after a random offset in [0, k), the sequence holds n = ⌊(T − offset)/k⌋ windows starting at
     * offset + j·k; they are shuffled and grouped B at a time (⌊n/B⌋ batches), each starting from the zero state.
     */
    public List<Window> random(int batchSize, int steps, Random random) {
        requireSizes("random", batchSize, steps);
        int offset = random.nextInt(steps);
        int count = (length - offset) / steps;
        List<Integer> starts = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            starts.add(offset + j * steps);
        }
        Collections.shuffle(starts, random);
        int batches = count / batchSize;
        requireSome("random", batches, batchSize, steps);
        List<Window> windows = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            int[] rowStarts = starts.subList(i * batchSize, (i + 1) * batchSize).stream()
                    .mapToInt(Integer::intValue).toArray();
            windows.add(window(rowStarts, steps, false));
        }
        return windows;
    }

    private List<Window> sequentialFrom(int offset, int batchSize, int steps) {
        requireSizes("sequential", batchSize, steps);
        int streamLength = (length - offset) / batchSize;
        int count = streamLength / steps;
        requireSome("sequential", count, batchSize, steps);
        List<Window> windows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] rowStarts = new int[batchSize];
            for (int b = 0; b < batchSize; b++) {
                rowStarts[b] = offset + b * streamLength + i * steps;
            }
            windows.add(window(rowStarts, steps, i > 0));
        }
        return windows;
    }

    private Window window(int[] rowStarts, int steps, boolean carriesState) {
        List<Node> inputs = new ArrayList<>(steps);
        List<Node> targets = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            int[] positions = new int[rowStarts.length];
            for (int b = 0; b < positions.length; b++) {
                positions[b] = rowStarts[b] + t;
            }
            inputs.add(Node.constant("x" + t, inputRows.apply(positions)));
            targets.add(Node.constant("y" + t, targetRows.apply(positions)));
        }
        if (tokenIds == null) {
            return new Window(inputs, targets, rowStarts, carriesState);
        }
        int[][] inputIds = new int[steps][rowStarts.length];
        int[][] targetIds = new int[steps][rowStarts.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < rowStarts.length; b++) {
                inputIds[t][b] = tokenIds[rowStarts[b] + t];
                targetIds[t][b] = tokenIds[rowStarts[b] + t + 1];
            }
        }
        return new Window(inputs, targets, rowStarts, carriesState, inputIds, targetIds);
    }

    private void requireSizes(String how, int batchSize, int steps) {
        HyperParameters.requireCount("SequenceSampler." + how, "batch size", batchSize);
        HyperParameters.requireCount("SequenceSampler." + how, "window length k", steps);
    }

    private void requireSome(String how, int windows, int batchSize, int steps) {
        if (windows < 1) {
            throw new IllegalArgumentException("SequenceSampler." + how + ": a sequence of " + length
                    + " steps is too short for a batch of " + batchSize + " windows of " + steps + " steps");
        }
    }

    private static void requireTwo(String factory, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("SequenceSampler." + factory + ": need at least 2 values (an input and"
                    + " the target after it), got " + length);
        }
    }

    private static int[] shift(int[] positions) {
        int[] next = new int[positions.length];
        for (int b = 0; b < next.length; b++) {
            next[b] = positions[b] + 1;
        }
        return next;
    }

    private static DMatrixRMaj rows(DMatrixRMaj source, int[] positions) {
        DMatrixRMaj out = new DMatrixRMaj(positions.length, source.numCols);
        for (int b = 0; b < positions.length; b++) {
            System.arraycopy(source.data, positions[b] * source.numCols, out.data, b * source.numCols, source.numCols);
        }
        return out;
    }

    private static DMatrixRMaj idColumn(int[] ids, int[] positions) {
        DMatrixRMaj out = new DMatrixRMaj(positions.length, 1);
        for (int b = 0; b < positions.length; b++) {
            out.data[b] = ids[positions[b]];
        }
        return out;
    }

    private static DMatrixRMaj oneHot(int[] corpus, int[] positions, int vocabSize) {
        DMatrixRMaj out = new DMatrixRMaj(positions.length, vocabSize);
        for (int b = 0; b < positions.length; b++) {
            out.set(b, corpus[positions[b]], 1.0);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SequenceSampler[" + length + " steps]";
    }
}
