package unrolled.analysis;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import unrolled.graph.Node;
import unrolled.nn.Dense;
import unrolled.nn.RecurrentLayer;

/**
 * How ∂L/∂h_t travels back through time, the picture behind vanishing and exploding gradients (article 3, Part
 * Three; article 4).
 *
 * <p>With a loss at the last step only ({@link LossSummedOverTime#crossEntropyAtLast}), every earlier ∂L/∂h_t arrives
 * through the recursion alone, one Jacobian per step (row layout, see {@link ElmanBptt}):
 * <pre>
 *   ∂L/∂h_{t−1} = (∂L/∂h_t ⊙ φ′(a_t))·W_hh,   so   ‖∂L/∂h_t‖ ≤ (max|φ′|·σ_max(W_hh))^(T−t) · ‖∂L/∂h_T‖
 * </pre>
 * With tanh (|φ′| ≤ 1) and a spectral norm σ_max(W_hh) &lt; 1 the norm decays at least geometrically going back:
 * the gradient vanishes. With a linear or relu cell (φ′ = 1 where active) and large W_hh it grows geometrically:
 * it explodes.
 */
public final class GradientFlow {

    private GradientFlow() {}

    /**
     * An unrolled pass after {@code backward()}: the loss and the nodes h_t and o_t, t = 1 … T at index t − 1, each
     * holding its gradient ({@code h.get(t − 1).grad()} is ∂L/∂h_t).
     */
    public record Pass(Node loss, List<Node> h, List<Node> o) {}

    /**
     * Backpropagation through time by autodiff: unrolls the layer over the inputs, puts the output layer on every
     * h_t, builds the loss and calls {@code backward()}. The parameters' gradients are zeroed first, so afterwards
     * they hold exactly ∂L/∂θ of this loss.
     */
    public static Pass autodiff(RecurrentLayer layer, Dense output, List<Node> inputs, LossSummedOverTime loss) {
        layer.parameters().zeroGrad();
        output.parameters().zeroGrad();
        List<Node> h = layer.forward(inputs).outputs();
        List<Node> o = new ArrayList<>(h.size());
        for (Node h_t : h) {
            o.add(output.forward(h_t));
        }
        Node L = loss.graph(o);
        L.backward();
        return new Pass(L, h, o);
    }

    /** ‖∂L/∂h_t‖ for t = 1 … T, by autodiff (see {@link #autodiff}); {@link ElmanBptt.Result#dLdhNorms()} by hand. */
    public static double[] norms(RecurrentLayer layer, Dense output, List<Node> inputs, LossSummedOverTime loss) {
        return norms(autodiff(layer, output, inputs, loss).h());
    }

    /** ‖grad‖ of each node after a backward pass: for the hidden states h_1 … h_T, ‖∂L/∂h_t‖. */
    public static double[] norms(List<Node> states) {
        return frobeniusNorms(states.stream().map(Node::grad).toList());
    }

    /** The Frobenius norm √(Σ m_ij²) of each matrix. */
    public static double[] frobeniusNorms(List<DMatrixRMaj> matrices) {
        return matrices.stream().mapToDouble(NormOps_DDRM::normF).toArray();
    }

    /**
     * The factor by which the norm changes per step going back: ‖∂L/∂h_t‖ / ‖∂L/∂h_{t+1}‖ for t = 1 … T − 1 (at index
     * t − 1). Below 1 the gradient vanishes going back, above 1 it explodes.
     */
    public static double[] stepFactors(double[] norms) {
        double[] factors = new double[Math.max(0, norms.length - 1)];
        for (int t = 0; t < factors.length; t++) {
            factors[t] = norms[t] / norms[t + 1];
        }
        return factors;
    }

    /** σ_max(W), the largest singular value: the most one multiplication by W can stretch a vector. */
    public static double spectralNorm(DMatrixRMaj w) {
        return NormOps_DDRM.normP2(w);
    }
}
