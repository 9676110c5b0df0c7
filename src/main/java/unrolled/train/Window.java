package unrolled.train;

import java.util.List;
import unrolled.graph.Node;

/**
 * k consecutive time steps of a batch of streams, as truncated BPTT trains on them: {@code inputs.get(t)} and
 * {@code targets.get(t)} are the batch × features constants of step t, and row b of every step comes from the
 * stream position {@code starts[b] + t}.
 *
 * @param inputs       x_1 … x_k, each batch × input features
 * @param targets      y_1 … y_k, each batch × output features (what each step should predict)
 * @param starts       the position in the long sequence of each row's first step
 * @param carriesState whether every row continues where the same row of the previous window ended, so the state
 *                     should be carried over (sequential sampling, after the first window); false for the first
 *                     window and for random sampling, which start from the zero state
 */
public record Window(List<Node> inputs, List<Node> targets, int[] starts, boolean carriesState) {

    public Window {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        starts = starts.clone();
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

    /** For example {@code Window[32 rows × 35 steps, carries state]}. */
    @Override
    public String toString() {
        return "Window[" + batchSize() + " rows × " + steps() + " steps, "
                + (carriesState ? "carries state" : "starts from zero state") + "]";
    }
}
