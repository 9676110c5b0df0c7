package unrolled.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * One-to-many (article 3): one input, a sequence out. x goes in at step 1; at every later step the input is the
 * previous output ŷ_{t−1} ({@link Feedback#OUTPUT}, generation) or zeros ({@link Feedback#ZEROS}); ŷ_t = fc(h_t).
 * The rnn must be unidirectional (the future is not there yet).
 */
public final class OneToMany extends RecurrentWithHead<OneToMany> {

    /** What the rnn reads after the first step. */
    public enum Feedback { OUTPUT, ZEROS }

    private final Feedback feedback;

    /** The recurrent part, the head, and what the rnn reads after the first step; the rnn must be unidirectional. */
    public OneToMany(Recurrent rnn, Dense fc, Feedback feedback) {
        super(rnn, fc);
        if (rnn.isBidirectional()) {
            throw new IllegalArgumentException("OneToMany: a bidirectional rnn cannot generate step by step");
        }
        if (feedback == Feedback.OUTPUT && fc.outputSize() != rnn.inputSize()) {
            throw new IllegalArgumentException("OneToMany: feeding outputs back needs outputs as wide as the input ("
                    + rnn.inputSize() + "), but the head gives " + fc.outputSize());
        }
        this.feedback = feedback;
    }

    /** With a head of {@code outputSize} units, initialised as nn.Linear from {@code new Random(seed)}. */
    public static OneToMany of(Recurrent rnn, int outputSize, Feedback feedback, long seed) {
        return new OneToMany(rnn, Dense.random(rnn.outputSize(), outputSize, new Random(seed)), feedback);
    }

    public Feedback feedback() {
        return feedback;
    }

    /** ŷ_1 … ŷ_steps from x and zero states. */
    public List<Node> forward(Node x, int steps) {
        return forward(x, rnn.initialStates(x.rows()), steps);
    }

    /** ŷ_1 … ŷ_steps from x and given states (an encoder's final states, in {@link EncoderDecoder}). */
    public List<Node> forward(Node x, List<State> initial, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("OneToMany: steps must be at least 1, got " + steps);
        }
        List<Node> outputs = new ArrayList<>(steps);
        List<State> states = initial;
        Node input = x;
        for (int t = 0; t < steps; t++) {
            SequenceOutput step = body(List.of(input), states);
            states = step.finalStates();
            Node y = head(step.lastOutput());
            outputs.add(y);
            input = feedback == Feedback.OUTPUT ? y : Node.constant("zeros", Tensors.zeros(x.rows(), x.cols()));
        }
        return outputs;
    }
}
