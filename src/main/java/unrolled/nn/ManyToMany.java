package unrolled.nn;

import java.util.List;
import java.util.Random;
import unrolled.graph.Node;

/**
 * Many-to-many with aligned lengths (article 3): one output per input, ŷ_t = fc(h_t) for t = 1…T, the same head at
 * every step (tagging every word, predicting the next character).
 */
public final class ManyToMany extends RecurrentWithHead<ManyToMany> {

    /** The recurrent part and the head applied at every step. */
    public ManyToMany(Recurrent rnn, Dense fc) {
        super(rnn, fc);
    }

    /** With a head of {@code outputSize} units, initialised as nn.Linear from {@code new Random(seed)}. */
    public static ManyToMany of(Recurrent rnn, int outputSize, long seed) {
        return new ManyToMany(rnn, Dense.random(rnn.outputSize(), outputSize, new Random(seed)));
    }

    /** fc(h_1), …, fc(h_T), each batch × outputSize. */
    public List<Node> forward(List<Node> inputs) {
        return body(inputs).outputs().stream().map(this::head).toList();
    }

    /** The same from given rnn states (one per layer and direction), e.g. the detached states of the last window. */
    public List<Node> forward(List<Node> inputs, List<State> initial) {
        return run(inputs, initial).predictions();
    }

    /**
     * fc(h_1), …, fc(h_T) from given rnn states, together with the rnn's final states: what truncated BPTT carries
     * (detached) into the next window.
     */
    public Predictions run(List<Node> inputs, List<State> initial) {
        SequenceOutput out = body(inputs, initial);
        return new Predictions(out.outputs().stream().map(this::head).toList(), out.finalStates());
    }
}
