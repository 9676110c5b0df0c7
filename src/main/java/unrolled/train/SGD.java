package unrolled.train;

import java.util.List;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * Stochastic gradient descent with momentum, PyTorch's {@code torch.optim.SGD} (no dampening, no Nesterov):
 * <pre>
 *   v ← μ·v + g        (v starts at 0, so v = g at the first step)
 *   θ ← θ − η·v
 * </pre>
 * With μ = 0 this is plain gradient descent θ ← θ − η·g. Defaults as in PyTorch: η = 1e−3, μ = 0.
 */
public final class SGD extends AbstractOptimizer {

    private final double momentum;
    private final double[][] velocity;

    /** SGD with η = 1e−3 and no momentum. */
    public SGD(Parameters parameters) {
        this(parameters, 1e-3);
    }

    /** Plain gradient descent θ ← θ − η·g. */
    public SGD(Parameters parameters, double learningRate) {
        this(parameters, learningRate, 0);
    }

    /**
     * @param learningRate η &gt; 0
     * @param momentum     μ in [0, 1)
     */
    public SGD(Parameters parameters, double learningRate, double momentum) {
        super("SGD", parameters, learningRate);
        HyperParameters.requireFraction("SGD", "momentum", momentum);
        this.momentum = momentum;
        this.velocity = zeroState();
    }

    /** SGD on unnamed parameters, with the defaults of {@link #SGD(Parameters)}. */
    public SGD(List<Node> parameters) {
        this(named(parameters));
    }

    /** SGD on unnamed parameters with learning rate η and no momentum. */
    public SGD(List<Node> parameters, double learningRate) {
        this(named(parameters), learningRate);
    }

    /** SGD with momentum on unnamed parameters. */
    public SGD(List<Node> parameters, double learningRate, double momentum) {
        this(named(parameters), learningRate, momentum);
    }

    @Override
    void update(int index, double[] theta, double[] grad, int t) {
        double[] v = velocity[index];
        double lr = learningRate();
        for (int j = 0; j < theta.length; j++) {
            v[j] = momentum * v[j] + grad[j];
            theta[j] -= lr * v[j];
        }
    }

    /** μ, the momentum (0 for plain SGD). */
    public double momentum() {
        return momentum;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate() + ", momentum=" + momentum + ")";
    }
}
