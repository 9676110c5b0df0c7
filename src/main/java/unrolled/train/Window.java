package unrolled.train;

import java.util.Arrays;
import java.util.List;
import unrolled.graph.Node;

/**
 * k consecutive time steps of a batch of streams, as truncated BPTT trains on them: {@code inputs.get(t)} and
 * {@code targets.get(t)} are the batch × features constants of step t, and row b of every step comes from the
 * stream position {@code starts[b] + t}.
 *
 * <p>A window cut from a sequence of token ids ({@link SequenceSampler#ofTokenIds}) also carries the ids as integers:
 * {@code inputIds()[t][b]} is the id at position starts[b] + t and {@code targetIds()[t][b]} the id after it, ready
 * for an embedding lookup or a cross-entropy against class indices. Its {@code inputs} and {@code targets} hold the
 * same ids as numbers (batch × 1 columns), so a model that reads nodes sees the same values.
 *
 * @param inputs       x_1 … x_k, each batch × input features
 * @param targets      y_1 … y_k, each batch × output features (what each step should predict)
 * @param starts       the position in the long sequence of each row's first step
 * @param carriesState whether every row continues where the same row of the previous window ended, so the state
 *                     should be carried over (sequential sampling, after the first window); false for the first
 *                     window and for random sampling, which start from the zero state
 * @param inputIds     the input ids, k × batch, or null for a window of real-valued steps
 * @param targetIds    the target ids, k × batch, or null for a window of real-valued steps
 */
public record Window(List<Node> inputs, List<Node> targets, int[] starts, boolean carriesState, int[][] inputIds,
                     int[][] targetIds) {

    public Window {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        starts = starts.clone();
        if ((inputIds == null) != (targetIds == null)) {
            throw new IllegalArgumentException("Window: input ids and target ids come together; got only "
                    + (inputIds == null ? "target ids" : "input ids"));
        }
        if (inputIds != null) {
            requireShape("input ids", inputIds, inputs.size(), starts.length);
            requireShape("target ids", targetIds, inputs.size(), starts.length);
            inputIds = copy(inputIds);
            targetIds = copy(targetIds);
        }
    }

    /** A window of real-valued steps, without ids. */
    public Window(List<Node> inputs, List<Node> targets, int[] starts, boolean carriesState) {
        this(inputs, targets, starts, carriesState, null, null);
    }

    /** The number of rows (streams) in the batch. */
    public int batchSize() {
        return starts.length;
    }

    /** The number of time steps k. */
    public int steps() {
        return inputs.size();
    }

    /** The positions of each row's first step (a copy). */
    @Override
    public int[] starts() {
        return starts.clone();
    }

    /** Whether the window carries integer token ids ({@link #inputIds()}, {@link #targetIds()}). */
    public boolean hasIds() {
        return inputIds != null;
    }

    /**
     * The input ids, {@code [t][b]} = the id of row b at step t (a copy).
     *
     * @throws IllegalStateException for a window of real-valued steps
     */
    @Override
    public int[][] inputIds() {
        return copy(requireIds(inputIds));
    }

    /**
     * The target ids, {@code [t][b]} = the id row b should predict at step t (a copy): the class indices of a
     * cross-entropy, as {@code LossAveragedOverTime.crossEntropy(logits, window.targetIds())}.
     *
     * @throws IllegalStateException for a window of real-valued steps
     */
    @Override
    public int[][] targetIds() {
        return copy(requireIds(targetIds));
    }

    private int[][] requireIds(int[][] ids) {
        if (ids == null) {
            throw new IllegalStateException("Window: this window holds real-valued steps, not token ids; make it with"
                    + " SequenceSampler.ofTokenIds to have ids");
        }
        return ids;
    }

    private static void requireShape(String what, int[][] ids, int steps, int batch) {
        if (ids.length != steps || Arrays.stream(ids).anyMatch(row -> row.length != batch)) {
            throw new IllegalArgumentException("Window: " + what + " must be " + steps + " steps × " + batch
                    + " rows, like the window");
        }
    }

    private static int[][] copy(int[][] ids) {
        return Arrays.stream(ids).map(int[]::clone).toArray(int[][]::new);
    }

    /** For example {@code Window[32 rows × 35 steps, carries state]}. */
    @Override
    public String toString() {
        return "Window[" + batchSize() + " rows × " + steps() + " steps, "
                + (carriesState ? "carries state" : "starts from zero state") + "]";
    }
}
