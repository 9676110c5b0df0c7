package unrolled.train;

import java.util.List;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop} (not centred, no momentum): divide each step by a running root mean
 * square of the gradient, so that every weight moves at a similar pace whatever the size of its gradient.
 * <pre>
 *   s ← α·s + (1 − α)·g²        (s starts at 0)
 *   θ ← θ − η·g / (√s + ε)
 * </pre>
 * Defaults as in PyTorch: η = 1e−2, α = 0.99, ε = 1e−8.
 */
public final class RMSprop extends AbstractOptimizer {

    private final double alpha;
    private final double eps;
    private final double[][] squareAverage;

    /** RMSprop with PyTorch's defaults η = 1e−2, α = 0.99, ε = 1e−8. */
    public RMSprop(Parameters parameters) {
        this(parameters, 1e-2);
    }

    /** RMSprop with learning rate η and PyTorch's α = 0.99, ε = 1e−8. */
    public RMSprop(Parameters parameters, double learningRate) {
        this(parameters, learningRate, 0.99, 1e-8);
    }

    /**
     * @param learningRate η &gt; 0
     * @param alpha        α in [0, 1), the decay of the running average of g²
     * @param eps          ε ≥ 0, added to √s to avoid dividing by zero
     */
    public RMSprop(Parameters parameters, double learningRate, double alpha, double eps) {
        super("RMSprop", parameters, learningRate);
        HyperParameters.requireFraction("RMSprop", "alpha", alpha);
        HyperParameters.requireNonNegative("RMSprop", "eps", eps);
        this.alpha = alpha;
        this.eps = eps;
        this.squareAverage = zeroState();
    }

    /** RMSprop on unnamed parameters, with PyTorch's defaults. */
    public RMSprop(List<Node> parameters) {
        this(named(parameters));
    }

    /** RMSprop on unnamed parameters with learning rate η. */
    public RMSprop(List<Node> parameters, double learningRate) {
        this(named(parameters), learningRate);
    }

    /** RMSprop on unnamed parameters with every hyper-parameter given. */
    public RMSprop(List<Node> parameters, double learningRate, double alpha, double eps) {
        this(named(parameters), learningRate, alpha, eps);
    }

    @Override
    void update(int index, double[] theta, double[] grad, int t) {
        double[] s = squareAverage[index];
        double lr = learningRate();
        for (int j = 0; j < theta.length; j++) {
            s[j] = alpha * s[j] + (1 - alpha) * grad[j] * grad[j];
            theta[j] -= lr * grad[j] / (Math.sqrt(s[j]) + eps);
        }
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + learningRate() + ", alpha=" + alpha + ", eps=" + eps + ")";
    }
}
