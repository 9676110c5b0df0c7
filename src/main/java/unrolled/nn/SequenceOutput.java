package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;
import unrolled.graph.RowSlices;

/**
 * What running a recurrent network over a sequence gives: its output at every step, h_1 … h_T in time order, and the
 * state it ends in — one final state for a single {@link RecurrentLayer}, or one per layer and direction for a
 * {@link Recurrent} stack, in PyTorch's h_n order (index layer·D + direction, D = 2 when bidirectional). The outputs
 * of a bidirectional stack are [h→_t, h←_t], batch × 2H. A head's predictions ŷ_t on top are {@link Predictions}.
 *
 * @param outputs     h_1 … h_T, each batch × H (or 2H)
 * @param finalStates the state after the last step, per layer and direction
 */
public record SequenceOutput(List<Node> outputs, List<State> finalStates) {

    public SequenceOutput {
        // row blocks of one fused op stay as they are (read-only, lazily sliced), so stackRows can give the op's
        // matrix back without a copy; any other list is copied
        outputs = outputs instanceof RowSlices ? outputs : List.copyOf(outputs);
        finalStates = List.copyOf(finalStates);
    }

    /** One layer's outputs and the one state it ends in. */
    public SequenceOutput(List<Node> outputs, State finalState) {
        this(outputs, List.of(finalState));
    }

    /** h_T, the output of the last step (what a many-to-one model reads). */
    public Node lastOutput() {
        return outputs.get(outputs.size() - 1);
    }

    /**
     * The state after the last step when there is exactly one (a {@link RecurrentLayer}, or a one-layer,
     * one-direction {@link Recurrent}).
     *
     * @throws IllegalStateException when there are several; read {@link #finalStates()} then
     */
    public State finalState() {
        if (finalStates.size() != 1) {
            throw new IllegalStateException("SequenceOutput: " + finalStates.size() + " final states (one per layer "
                    + "and direction); finalStates() gives them all");
        }
        return finalStates.get(0);
    }
}
