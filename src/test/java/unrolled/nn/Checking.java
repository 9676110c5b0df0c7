package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.dense.row.CommonOps_DDRM;
import unrolled.calculus.GradCheck;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Inputs, states and the gradient-check assertion the nn tests share. */
final class Checking {

    /** The GUIDE's bar for smooth cells. */
    static final double SMOOTH = 1e-7;

    private Checking() {}

    /** T trainable inputs x0 … x(T−1), batch × width, entries U(−1, 1), so the check covers ∂L/∂x too. */
    static List<Node> inputs(int steps, int batch, int width, Random random) {
        List<Node> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Node.param("x" + t, Tensors.uniform(batch, width, -1, 1, random)));
        }
        return xs;
    }

    /** Trainable initial states shaped like {@code zeros}, entries U(−0.5, 0.5), named h0_k and c0_k. */
    static List<State> states(List<State> zeros, Random random) {
        List<State> states = new ArrayList<>();
        for (int k = 0; k < zeros.size(); k++) {
            State z = zeros.get(k);
            Node c = z.c() == null ? null : like(z.c(), "c0_" + k, random);
            states.add(new State(like(z.h(), "h0_" + k, random), c));
        }
        return states;
    }

    private static Node like(Node zero, String name, Random random) {
        return Node.param(name, Tensors.uniform(zero.rows(), zero.cols(), -0.5, 0.5, random));
    }

    /** The parameters, then the inputs and the initial states: everything a gradient should reach. */
    static Map<String, Node> everything(Parameters parameters, List<Node> inputs, List<State> states) {
        Map<String, Node> all = new LinkedHashMap<>(parameters.asMap());
        inputs.forEach(x -> all.put(x.label(), x));
        for (State s : states) {
            all.put(s.h().label(), s.h());
            if (s.c() != null) all.put(s.c().label(), s.c());
        }
        return all;
    }

    /** Backprop agrees with central differences everywhere, to a relative error of at most {@code bound}. */
    static GradCheck.Report assertGradients(Supplier<Node> loss, Map<String, Node> all, double bound) {
        GradCheck.Report report = GradCheck.check(loss, all).requirePassed();
        assertTrue(report.maxRelativeError() <= bound, () -> "relative error above " + bound + ":\n" + report);
        // Every input and initial state must influence the loss (a parameter may not: W_hh from a zero state at T=1).
        all.forEach((name, node) -> assertTrue(!name.matches("x\\d+|[hc]0_\\d+")
                        || CommonOps_DDRM.elementMaxAbs(node.grad()) > 0,
                () -> "no gradient reached " + name + "\n" + report));
        return report;
    }
}
