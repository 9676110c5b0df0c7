package unrolled.nn;

import java.util.List;
import java.util.Random;
import unrolled.graph.Node;

/**
 * Many-to-one (article 3): read the whole sequence, answer once. ŷ = fc(h_T), the last output of the rnn
 * (for a bidirectional rnn [h→_T, h←_T], where h←_T has seen only x_T).
 * <pre>
 *   var model = ManyToOne.of(Recurrent.lstm(1, 32).seed(1).build(), 1, 2);
 *   Node prediction = model.forward(window);       // batch × 1
 * </pre>
 */
public final class ManyToOne extends RecurrentWithHead<ManyToOne> {

    /** The recurrent part and the head applied to h_T. */
    public ManyToOne(Recurrent rnn, Dense fc) {
        super(rnn, fc);
    }

    /** With a head of {@code outputSize} units, initialised as nn.Linear from {@code new Random(seed)}. */
    public static ManyToOne of(Recurrent rnn, int outputSize, long seed) {
        return new ManyToOne(rnn, Dense.random(rnn.outputSize(), outputSize, new Random(seed)));
    }

    /** fc(h_T): batch × outputSize. */
    public Node forward(List<Node> inputs) {
        return head(body(inputs).lastOutput());
    }

    /** The same from given rnn states (one per layer and direction), e.g. the detached states of the last window. */
    public Node forward(List<Node> inputs, List<State> initial) {
        return head(body(inputs, initial).lastOutput());
    }
}
