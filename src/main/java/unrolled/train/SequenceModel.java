package unrolled.train;

import java.util.List;
import unrolled.graph.Node;
import unrolled.nn.Dense;
import unrolled.nn.ManyToMany;
import unrolled.nn.Parameters;
import unrolled.nn.Predictions;
import unrolled.nn.Recurrent;
import unrolled.nn.State;

/**
 * A many-to-many model that truncated BPTT can train window by window: it maps inputs x_1 … x_k and start states
 * (one per layer) to predictions ŷ_1 … ŷ_k and the states after step k.
 */
public interface SequenceModel {

    /** The predictions of every step and the final state of every layer. */
    Predictions forward(List<Node> inputs, List<State> initial);

    /** The states a sequence starts from (zeros), one per layer. */
    List<State> initialStates(int batch);

    /** Every trainable parameter. */
    Parameters parameters();

    /**
     * Article 3's network on a stack of layers: h_t from the rnn, ŷ_t = V·h_t + c from a dense head on every step
     * (a {@link ManyToMany}). Parameters are named "rnn.weight_ih_l0", …, "fc.weight", "fc.bias".
     */
    static SequenceModel of(Recurrent rnn, Dense head) {
        return of(new ManyToMany(rnn, head));
    }

    /**
     * A many-to-many model seen window by window. The rnn must run forward in time only: a bidirectional layer's
     * backward direction has no state to carry into the next window.
     */
    static SequenceModel of(ManyToMany model) {
        if (model.rnn().isBidirectional()) {
            throw new IllegalArgumentException("SequenceModel: " + model.rnn() + " is bidirectional; truncated BPTT"
                    + " carries state forward in time, so it needs a unidirectional rnn");
        }
        return new SequenceModel() {
            @Override
            public Predictions forward(List<Node> inputs, List<State> initial) {
                return model.run(inputs, initial);
            }

            @Override
            public List<State> initialStates(int batch) {
                return model.rnn().initialStates(batch);
            }

            @Override
            public Parameters parameters() {
                return model.parameters();
            }
        };
    }
}
