package unrolled.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Nonlinearity;
import unrolled.nn.Dense;
import unrolled.nn.ElmanCell;

/**
 * The error surface of a tiny RNN — one unit, recurrent weight w_hh, input weight w_ih, output weight 1, no biases —
 * as a function of its two weights, with the gradient norm at each point: article 1's rugged surface, flat in places
 * and a cliff in others, for a chart in a notebook.
 * <pre>
 *   h_t = φ(w_ih·x_t + w_hh·h_{t−1}),   h_0 = 0
 *   L   = (h_T − y)²,                  ‖∇L‖ = √((∂L/∂w_hh)² + (∂L/∂w_ih)²)
 * </pre>
 * Each point is one forward and one backward pass of {@link ElmanBptt} (tested equal to autodiff), which builds no
 * graph: a 101 × 101 grid over 100 steps takes about 0.2 s once warm (0.6 s on a cold JVM).
 */
public final class LossSurface {

    /** The loss and the gradient at one (w_hh, w_ih). */
    public record Point(double wHh, double wIh, double loss, double dLdwHh, double dLdwIh) {

        /** ‖∇L‖ = √((∂L/∂w_hh)² + (∂L/∂w_ih)²). */
        public double gradientNorm() {
            return Math.hypot(dLdwHh, dLdwIh);
        }
    }

    /** L and ‖∇L‖ along a line of w_hh at a fixed w_ih. */
    public record Line(double[] wHh, double wIh, double[] loss, double[] gradientNorm) {}

    /** L and ‖∇L‖ over a grid: {@code loss[i][j]} is at (wHh[i], wIh[j]). */
    public record Grid(double[] wHh, double[] wIh, double[][] loss, double[][] gradientNorm) {}

    private final Node weightIh = Node.param("weight_ih", 0.0);
    private final Node weightHh = Node.param("weight_hh", 0.0);
    private final ElmanBptt bptt;
    private final List<Node> inputs;
    private final LossSummedOverTime loss;
    private final String description;

    private LossSurface(Nonlinearity phi, double[] inputs, double target, String description) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("LossSurface: empty input sequence; need at least one time step");
        }
        ElmanCell cell = new ElmanCell(phi, weightIh, weightHh, null, null);
        this.bptt = new ElmanBptt(cell, new Dense(Node.param("weight", 1.0), null));
        this.inputs = new ArrayList<>(inputs.length);
        for (double x : inputs) {
            this.inputs.add(Node.constant("x", x));
        }
        this.loss = LossSummedOverTime.meanSquaredAtLast(Tensors.scalar(target));
        this.description = description;
    }

    /** The surface of a unit with activation φ fed the inputs x_1 … x_T, with target y for h_T. */
    public static LossSurface of(Nonlinearity phi, double[] inputs, double target) {
        return new LossSurface(phi, inputs, target, phi.name().toLowerCase() + ", " + inputs.length + " steps");
    }

    /**
     * Article 1's unit ({@link SimplestRnn}): linear, input 1 then 0 for {@code steps} steps, so
     * h_T = w_ih·w_hh^(T−1) and L = (w_ih·w_hh^(T−1) − y)².
     */
    public static LossSurface simplestRnn(int steps, double target) {
        if (steps < 1) {
            throw new IllegalArgumentException("LossSurface: need at least one step, got " + steps);
        }
        double[] x = new double[steps];
        x[0] = 1;
        return new LossSurface(Nonlinearity.IDENTITY, x, target, "article 1, linear, " + steps + " steps");
    }

    /** L and ∇L at one point. */
    public Point at(double wHh, double wIh) {
        weightHh.value().set(0, 0, wHh);
        weightIh.value().set(0, 0, wIh);
        ElmanBptt.Result r = bptt.run(inputs, loss);
        return new Point(wHh, wIh, r.loss(), r.gradient("weight_hh").get(0), r.gradient("weight_ih").get(0));
    }

    /** L and ‖∇L‖ at every w_hh, with w_ih fixed. */
    public Line line(double[] wHh, double wIh) {
        double[] l = new double[wHh.length];
        double[] g = new double[wHh.length];
        sweep(l, g, i -> at(wHh[i], wIh));
        return new Line(wHh.clone(), wIh, l, g);
    }

    /** L and ‖∇L‖ at every (w_hh, w_ih) of the grid. */
    public Grid grid(double[] wHh, double[] wIh) {
        double[][] l = new double[wHh.length][wIh.length];
        double[][] g = new double[wHh.length][wIh.length];
        for (int i = 0; i < wHh.length; i++) {
            double w = wHh[i];
            sweep(l[i], g[i], j -> at(w, wIh[j]));
        }
        return new Grid(wHh.clone(), wIh.clone(), l, g);
    }

    private static void sweep(double[] loss, double[] gradientNorm, IntFunction<Point> point) {
        for (int k = 0; k < loss.length; k++) {
            Point p = point.apply(k);
            loss[k] = p.loss();
            gradientNorm[k] = p.gradientNorm();
        }
    }

    @Override
    public String toString() {
        return "LossSurface(" + description + ")";
    }
}
