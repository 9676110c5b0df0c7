package unrolled.analysis;

import java.util.ArrayList;
import java.util.List;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Nonlinearity;
import unrolled.nn.ElmanCell;
import unrolled.nn.RecurrentLayer;

/**
 * Article 1's "simplest RNN": one linear unit with input weight 1, recurrent weight w and output weight 1, fed 1 at
 * the first step and 0 after it:
 * <pre>
 *   h_t = w·h_{t−1} + x_t,   x = (1, 0, 0, …, 0),   h_0 = 0
 *   y_N = h_N = w^(N−1),     dy_N/dw = (N − 1)·w^(N−2)
 * </pre>
 * The exponent is N − 1, not N: the input enters at step 1 and w acts once at each of the steps 2 … N (the article's
 * picture, from Hung-yi Lee's lecture, writes y¹⁰⁰⁰ = w⁹⁹⁹). Over the article's N = 1000 steps, w = 1 gives y = 1 and
 * w = 1.01 gives 1.01^999 ≈ 20752 (the article's "20000"; 20959 would be 1.01^1000, one step more), while w = 0.99
 * gives 0.99^999 ≈ 4.4·10⁻⁵. One percent in w moves the output 20000-fold and the gradient from 999 to about
 * 2.05·10⁷: the rugged error surface on which no single learning rate fits (hence gradient clipping).
 *
 * <p>Every value is computed by unrolling the graph — a {@link RecurrentLayer} over a 1×1 {@link ElmanCell} with
 * {@link Nonlinearity#IDENTITY}, weight_ih = 1, weight_hh = w and no biases — and the derivative by {@code backward()};
 * {@link #closedFormOutput} and {@link #closedFormGradient} are there to check them.
 */
public final class SimplestRnn {

    private SimplestRnn() {}

    /** The output y_N and its derivative dy_N/dw at one w. */
    public record Point(double w, double output, double gradient) {}

    /** The output and its derivative over a range of w, for a chart. */
    public record Curve(double[] w, double[] output, double[] gradient) {
        @Override
        public String toString() {
            return "SimplestRnn.Curve(" + w.length + " points, w " + Tensors.format(w[0]) + " … "
                    + Tensors.format(w[w.length - 1]) + ")";
        }
    }

    /** Unrolls the unit for {@code steps} steps at recurrent weight w and backpropagates from y_N. */
    public static Point unroll(double w, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("SimplestRnn: need at least one step, got " + steps);
        }
        Node weightHh = Node.param("weight_hh", w);
        ElmanCell cell = new ElmanCell(Nonlinearity.IDENTITY, Node.param("weight_ih", 1.0), weightHh, null, null);
        List<Node> x = new ArrayList<>(steps);
        for (int t = 1; t <= steps; t++) {
            x.add(Node.constant("x" + t, t == 1 ? 1.0 : 0.0));
        }
        Node y = new RecurrentLayer(cell).forward(x).lastOutput();
        y.backward();
        return new Point(w, y.scalar(), weightHh.grad().get(0));
    }

    /** {@link #unroll} at every w. */
    public static Curve curve(double[] w, int steps) {
        double[] output = new double[w.length];
        double[] gradient = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            Point p = unroll(w[k], steps);
            output[k] = p.output();
            gradient[k] = p.gradient();
        }
        return new Curve(w.clone(), output, gradient);
    }

    /** y_N = w^(N−1). */
    public static double closedFormOutput(double w, int steps) {
        return Math.pow(w, steps - 1);
    }

    /** dy_N/dw = (N − 1)·w^(N−2), and 0 for N = 1. */
    public static double closedFormGradient(double w, int steps) {
        return steps == 1 ? 0 : (steps - 1) * Math.pow(w, steps - 2);
    }
}
