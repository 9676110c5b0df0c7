package unrolled.train;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * Gradient clipping, article 1's remedy for the cliffs of a recurrent network's error surface: when a gradient
 * explodes, cut it down before the optimiser takes its step. Call between backward() and step().
 */
public final class Clipping {

    /** PyTorch's guard against dividing by a zero norm in {@code clip_grad_norm_}. */
    private static final double EPS = 1e-6;

    private Clipping() {}

    /**
     * The global L2 norm of all gradients, as if they were one long vector: ‖g‖ = √(Σ_p Σ_i g_{p,i}²).
     */
    public static double totalNorm(List<Node> parameters) {
        double sumOfSquares = 0;
        for (Node p : parameters) {
            for (double g : p.grad().data) {
                sumOfSquares += g * g;
            }
        }
        return Math.sqrt(sumOfSquares);
    }

    /** {@link #totalNorm(List)} of a model's parameters. */
    public static double totalNorm(Parameters parameters) {
        return totalNorm(parameters.nodes());
    }

    /**
     * PyTorch's {@code clip_grad_norm_}: with the total norm ‖g‖ = √(Σ‖g_p‖²), multiplies every gradient by
     * min(1, maxNorm/(‖g‖ + 1e−6)). So when ‖g‖ exceeds maxNorm the gradient keeps its direction and its norm
     * becomes maxNorm (just under, because of the 1e−6); below maxNorm nothing changes.
     *
     * @param maxNorm the largest norm allowed, &gt; 0
     * @return the total norm before clipping (worth plotting: spikes are the cliffs)
     */
    public static double clipGradNorm(List<Node> parameters, double maxNorm) {
        HyperParameters.requirePositive("clipGradNorm", "maxNorm", maxNorm);
        double total = totalNorm(parameters);
        double coefficient = Math.min(1.0, maxNorm / (total + EPS));
        if (coefficient < 1.0) {
            for (Node p : parameters) {
                DMatrixRMaj g = p.grad();
                for (int i = 0; i < g.data.length; i++) {
                    g.data[i] *= coefficient;
                }
            }
        }
        return total;
    }

    /** {@link #clipGradNorm(List, double)} on a model's parameters. */
    public static double clipGradNorm(Parameters parameters, double maxNorm) {
        return clipGradNorm(parameters.nodes(), maxNorm);
    }

    /**
     * PyTorch's {@code clip_grad_value_}: clamps every gradient entry to [−clipValue, clipValue]. Unlike clipping by
     * norm this can change the gradient's direction.
     *
     * @param clipValue c &gt; 0
     */
    public static void clipGradValue(List<Node> parameters, double clipValue) {
        HyperParameters.requirePositive("clipGradValue", "clipValue", clipValue);
        for (Node p : parameters) {
            DMatrixRMaj g = p.grad();
            for (int i = 0; i < g.data.length; i++) {
                g.data[i] = Math.max(-clipValue, Math.min(clipValue, g.data[i]));
            }
        }
    }

    /** {@link #clipGradValue(List, double)} on a model's parameters. */
    public static void clipGradValue(Parameters parameters, double clipValue) {
        clipGradValue(parameters.nodes(), clipValue);
    }
}
