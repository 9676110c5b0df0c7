package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;

/**
 * A head's predictions over a sequence, ŷ_t = fc(h_t) for t = 1…T, together with the final states of the recurrent
 * body under the head (one per layer, as in {@link SequenceOutput#finalStates()}): what a {@link ManyToMany} model
 * returns from {@link ManyToMany#run} and what truncated BPTT carries, detached, into the next window. The body's own
 * outputs h_t are a {@link SequenceOutput}.
 *
 * @param predictions ŷ_1 … ŷ_T, each batch × the head's output size
 * @param finalStates the body's state after the last step, per layer and direction
 */
public record Predictions(List<Node> predictions, List<State> finalStates) {

    public Predictions {
        predictions = List.copyOf(predictions);
        finalStates = List.copyOf(finalStates);
    }

    /** ŷ_T, the prediction of the last step. */
    public Node last() {
        return predictions.get(predictions.size() - 1);
    }
}
