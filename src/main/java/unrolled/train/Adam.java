package unrolled.train;

import java.util.List;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * Adam, PyTorch's {@code torch.optim.Adam}: momentum on the gradient and RMSprop's scaling, both bias-corrected.
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g          v ← β₂·v + (1 − β₂)·g²        (m, v start at 0)
 *   m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η·m̂ / (√v̂ + ε)
 * </pre>
 * computed as PyTorch arranges it, θ ← θ − (η/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε), so the numbers agree with
 * {@code torch.optim.Adam} in double precision up to rounding. Defaults as in PyTorch: η = 1e−3, β₁ = 0.9, β₂ = 0.999, ε = 1e−8.
 */
public final class Adam extends AbstractOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[][] m;
    private final double[][] v;

    /** Adam with PyTorch's defaults η = 1e−3, β = (0.9, 0.999), ε = 1e−8. */
    public Adam(Parameters parameters) {
        this(parameters, 1e-3);
    }

    /** Adam with learning rate η and PyTorch's β = (0.9, 0.999), ε = 1e−8. */
    public Adam(Parameters parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate η &gt; 0
     * @param beta1        β₁ in [0, 1), the decay of the mean of g
     * @param beta2        β₂ in [0, 1), the decay of the mean of g²
     * @param eps          ε ≥ 0
     */
    public Adam(Parameters parameters, double learningRate, double beta1, double beta2, double eps) {
        super("Adam", parameters, learningRate);
        HyperParameters.requireFraction("Adam", "beta1", beta1);
        HyperParameters.requireFraction("Adam", "beta2", beta2);
        HyperParameters.requireNonNegative("Adam", "eps", eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = zeroState();
        this.v = zeroState();
    }

    /** Adam on unnamed parameters, with PyTorch's defaults. */
    public Adam(List<Node> parameters) {
        this(named(parameters));
    }

    /** Adam on unnamed parameters with learning rate η. */
    public Adam(List<Node> parameters, double learningRate) {
        this(named(parameters), learningRate);
    }

    /** Adam on unnamed parameters with every hyper-parameter given. */
    public Adam(List<Node> parameters, double learningRate, double beta1, double beta2, double eps) {
        this(named(parameters), learningRate, beta1, beta2, eps);
    }

    @Override
    void update(int index, double[] theta, double[] grad, int t) {
        double[] mi = m[index];
        double[] vi = v[index];
        double stepSize = learningRate() / (1 - Math.pow(beta1, t));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
        for (int j = 0; j < theta.length; j++) {
            mi[j] = beta1 * mi[j] + (1 - beta1) * grad[j];
            vi[j] = beta2 * vi[j] + (1 - beta2) * grad[j] * grad[j];
            theta[j] -= stepSize * mi[j] / (Math.sqrt(vi[j]) / correction2 + eps);
        }
    }

    @Override
    public String toString() {
        return "Adam(lr=" + learningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ")";
    }
}
