package unrolled.nn;

import static unrolled.graph.Ops.mul;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * Inverted dropout: while training, y = x ⊙ m / (1 − p) with m a fresh 0/1 mask, each entry kept with probability
 * 1 − p; in evaluation mode y = x. The scaled mask is a constant multiplied in, so ∂L/∂x = ∂L/∂y ⊙ m / (1 − p):
 * gradients flow only through the kept units, and the expected value of y is x in both modes.
 *
 * <p>Article 5's tip (after Zaremba et al. 2014): put dropout on the non-recurrent connections — between the input
 * and the RNN, between stacked layers ({@link Recurrent}'s {@code dropout}, as PyTorch's) and between the RNN and the
 * output layer — never on the h_{t−1} → h_t path.
 */
public final class Dropout {

    private final double p;
    private Random random;
    private boolean training = true;

    /** Dropout with probability p ∈ [0, 1) of zeroing each entry, masks drawn from {@code random}; training mode. */
    public Dropout(double p, Random random) {
        this.p = requireProbability(p);
        this.random = random;
    }

    static double requireProbability(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        return p;
    }

    /** Dropout whose masks come from a Random with this seed. */
    public Dropout(double p, long seed) {
        this(p, new Random(seed));
    }

    /** p, the probability that an entry is dropped. */
    public double p() {
        return p;
    }

    /** Whether masks are drawn (training) or the layer passes its input through (evaluation). */
    public boolean isTraining() {
        return training;
    }

    /** Training mode: masks are drawn. Returns this. */
    public Dropout train() {
        training = true;
        return this;
    }

    /** Evaluation mode: the identity. Returns this. */
    public Dropout eval() {
        training = false;
        return this;
    }

    /** Restarts the mask sequence from a seed, so the same calls draw the same masks (e.g. in a gradient check). */
    public Dropout reseed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** x ⊙ m / (1 − p) in training mode (x itself when p = 0), x in evaluation mode. */
    public Node apply(Node x) {
        if (!training || p == 0) {
            return x;
        }
        DMatrixRMaj mask = Tensors.zeros(x.rows(), x.cols());
        for (int k = 0; k < mask.data.length; k++) {
            mask.data[k] = random.nextDouble() < p ? 0.0 : 1 / (1 - p);
        }
        return mul(x, Node.constant("dropout mask", mask));
    }

    /** {@link #apply(Node)} on every step, with its own mask each; the list itself when dropout is off. */
    public List<Node> apply(List<Node> steps) {
        return !training || p == 0 ? steps : steps.stream().map(this::apply).toList();
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + (training ? "" : ", eval") + ")";
    }
}
