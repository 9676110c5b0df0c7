package unrolled.maths;

/**
 * The elementary functions of the library, each written once, in its numerically stable form, with its derivative.
 * Everything else calls these: the graph's ops ({@code Pointwise}, {@code Reductions}, {@code Losses}), the cells'
 * activations, the hand-written BPTT, the fused layers' backward passes, sampling from a vocabulary.
 * <ul>
 *   <li>σ(x) = 1/(1 + e^(−x)), computed as e^x/(1 + e^x) for x &lt; 0 so that e^(−x) never overflows;
 *       σ′(x) = σ(x)(1 − σ(x)).</li>
 *   <li>tanh′(x) = 1 − tanh²(x); relu′(x) = [x &gt; 0] (0 at x = 0, as PyTorch).</li>
 *   <li>softmax(z)ᵢ = e^(zᵢ − m)/Σⱼ e^(zⱼ − m) with m = maxⱼ zⱼ (the shift changes nothing but keeps e^z from
 *       overflowing), and log Σⱼ e^(zⱼ) = m + log Σⱼ e^(zⱼ − m) (log-sum-exp), so that
 *       log softmax(z)ᵢ = zᵢ − log Σⱼ e^(zⱼ); one pass gives both.</li>
 * </ul>
 * The derivatives are written in terms of the function's output y (σ′ = y(1 − y), tanh′ = 1 − y²), which is what a
 * backward pass has kept.
 *
 * <p>The speed tier ({@code unrolled.fast.kernel.Activations}) has its own SIMD σ and tanh, built on an e^x that
 * gives the same bits interpreted and compiled; they agree with these to a few units in the last place
 * ({@code ActivationsTest}), and {@code ReproducibleActivationsTest} checks their bit-reproducibility.
 */
public final class Elementary {

    private Elementary() {}

    /**
     * σ(x) = 1/(1 + e^(−x)), without overflow for large |x|.
     *
     * @param x any number
     * @return σ(x) in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * σ′ from σ's output: σ′(x) = y(1 − y) for y = σ(x).
     *
     * @param y σ(x)
     * @return σ′(x)
     */
    public static double sigmoidDerivative(double y) {
        return y * (1 - y);
    }

    /**
     * tanh′ from tanh's output: tanh′(x) = 1 − y² for y = tanh(x).
     *
     * @param y tanh(x)
     * @return tanh′(x)
     */
    public static double tanhDerivative(double y) {
        return 1 - y * y;
    }

    /**
     * relu′ from relu's output: [y &gt; 0] for y = max(0, x), which is [x &gt; 0] (the subgradient 0 at x = 0).
     *
     * @param y relu(x)
     * @return relu′(x), 1 or 0
     */
    public static double reluDerivative(double y) {
        return y > 0 ? 1 : 0;
    }

    /**
     * The softmax of n entries at temperature τ, pᵢ = e^((zᵢ − m)/τ)/Σⱼ e^((zⱼ − m)/τ) with m = max z, written into
     * {@code p}; returns the log-sum-exp log Σⱼ e^(zⱼ/τ) = m/τ + log Σⱼ e^((zⱼ − m)/τ), so that for τ = 1
     * log pᵢ = zᵢ − (returned value) with no second pass over z.
     *
     * @param z           the scores, read from {@code z[from]} … {@code z[from + n − 1]}
     * @param from        the first score's index in z
     * @param n           the number of scores, at least 1
     * @param temperature τ &gt; 0; 1 for the plain softmax
     * @param p           receives the probabilities at {@code p[to]} … {@code p[to + n − 1]} (may be z itself)
     * @param to          the first probability's index in p
     * @return log Σⱼ e^(zⱼ/τ)
     */
    public static double softmax(double[] z, int from, int n, double temperature, double[] p, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            max = Math.max(max, z[from + c]);
        }
        double total = 0;
        for (int c = 0; c < n; c++) {
            double e = Math.exp((z[from + c] - max) / temperature);
            p[to + c] = e;
            total += e;
        }
        for (int c = 0; c < n; c++) {
            p[to + c] /= total;
        }
        return max / temperature + Math.log(total);
    }
}
