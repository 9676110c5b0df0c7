package unrolled.nn;

import unrolled.graph.Node;
import unrolled.graph.Ops;

/**
 * The nonlinearity φ a recurrent cell applies to its pre-activation, h_t = φ(a_t): PyTorch's {@code nonlinearity}
 * argument of {@code nn.RNN}, as a choice of graph op. (The vectorised kernels that compute these functions fast are
 * in the speed tier, not here.)
 */
public enum Nonlinearity {
    /** tanh(a), the default of Elman networks and PyTorch's nn.RNN. */
    TANH,
    /** max(0, a). */
    RELU,
    /** a itself: a linear cell, as in the all-weights-one memory example. */
    IDENTITY,
    /** σ(a) = 1/(1 + e^(−a)). */
    SIGMOID;

    public Node apply(Node a) {
        return switch (this) {
            case TANH -> Ops.tanh(a);
            case RELU -> Ops.relu(a);
            case IDENTITY -> a;
            case SIGMOID -> Ops.sigmoid(a);
        };
    }
}
