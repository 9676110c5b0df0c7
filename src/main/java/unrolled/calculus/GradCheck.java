package unrolled.calculus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Graph;
import unrolled.graph.Node;

/**
 * Checks backprop against central finite differences in double precision: for every entry θ of every parameter,
 * n = (L(θ + ε) − L(θ − ε)) / 2ε with ε = 1e−6, compared with the gradient a that {@code backward()} left in θ.
 * An entry passes when |a − n| ≤ 1e−5 + 1e−3·|n|. Per parameter the report gives the largest absolute error
 * max|a − n| and the relative error ‖a − n‖∞ / max(‖a‖∞, ‖n‖∞).
 *
 * <p>Two failures come with a note that says why, because the numbers alone would mislead:
 * <ul>
 *   <li>a parameter the loss does not use (not in its graph) would pass with error 0 — both gradients are zero —
 *       while nothing was tested: it fails, "not used by the loss";</li>
 *   <li>at a point where the loss is not differentiable (relu at 0: the central difference straddles a kink) the
 *       two one-sided differences (L(θ+ε) − L(θ))/ε and (L(θ) − L(θ−ε))/ε disagree, and neither backprop nor
 *       central differences give "the" gradient: the note names the entry and says it sits on a kink.</li>
 * </ul>
 */
public final class GradCheck {

    public static final double EPSILON = 1e-6;
    public static final double ABSOLUTE_TOLERANCE = 1e-5;
    public static final double RELATIVE_TOLERANCE = 1e-3;
    /**
     * One-sided differences that differ by more than this (relative to max(1, their size)) mean a kink; on a smooth
     * loss they differ by about ε·|L''|, far less.
     */
    static final double KINK_TOLERANCE = 1e-2;

    private GradCheck() {}

    /**
     * The errors for one parameter; {@code note} says why it failed when the numbers alone do not (a parameter the
     * loss does not use, an entry on a kink), else null.
     */
    public record Entry(String parameter, int rows, int cols, double maxAbsoluteError, double relativeError,
                        boolean passed, String note) {

        public Entry(String parameter, int rows, int cols, double maxAbsoluteError, double relativeError,
                     boolean passed) {
            this(parameter, rows, cols, maxAbsoluteError, relativeError, passed, null);
        }

        Entry named(String name) {
            return new Entry(name, rows, cols, maxAbsoluteError, relativeError, passed, note);
        }
    }

    /** One {@link Entry} per parameter, printed as a table. */
    public record Report(List<Entry> entries) {

        public boolean passed() {
            return entries.stream().allMatch(Entry::passed);
        }

        public double maxRelativeError() {
            return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
        }

        public double maxAbsoluteError() {
            return entries.stream().mapToDouble(Entry::maxAbsoluteError).max().orElse(0);
        }

        /** Throws an {@link AssertionError} carrying the table unless every entry passed. */
        public Report requirePassed() {
            if (!passed()) {
                throw new AssertionError("gradient check failed:\n" + this);
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s %-9s %-14s %-14s %s%n",
                    "parameter", "shape", "max |a−n|", "relative", "ok"));
            for (Entry e : entries) {
                s.append(String.format(Locale.ROOT, "%-14s %-9s %-14.3e %-14.3e %s%n", e.parameter(),
                        e.rows() + "×" + e.cols(), e.maxAbsoluteError(), e.relativeError(), e.passed() ? "✓" : "✗"));
            }
            for (Entry e : entries) {
                if (e.note() != null) {
                    s.append("✗ ").append(e.parameter()).append(": ").append(e.note()).append('\n');
                }
            }
            return s.toString();
        }
    }

    /**
     * Runs the check. {@code loss} must build the graph afresh from the parameters each time it is called and return
     * a 1×1 node; the parameters' values are nudged in place and restored.
     */
    public static Report check(Supplier<Node> loss, List<Node> parameters) {
        for (Node p : parameters) {
            p.zeroGrad();
        }
        Node output = loss.get();
        Set<Node> inGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(Graph.topologicalOrder(output));
        output.backward();
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            Node p = parameters.get(k);
            String name = p.label() != null ? p.label() : "param " + k;
            if (!inGraph.contains(p)) {
                entries.add(new Entry(name, p.rows(), p.cols(), 0, 0, false, "not used by the loss (it is not in the"
                        + " loss's graph), so both gradients are zero and nothing was checked; pass only the"
                        + " parameters the loss depends on, or check why this one is left out"));
                continue;
            }
            DMatrixRMaj analytic = p.grad().copy();
            DMatrixRMaj numeric = numericGradient(loss, p);
            Entry e = compare(name, analytic, numeric);
            entries.add(e.passed() ? e : withKinkNote(e, loss, p, analytic, numeric));
        }
        return new Report(entries);
    }

    /** {@link #check(Supplier, List)} for named parameters, reported under their names. */
    public static Report check(Supplier<Node> loss, java.util.Map<String, Node> namedParameters) {
        Report report = check(loss, List.copyOf(namedParameters.values()));
        List<String> names = List.copyOf(namedParameters.keySet());
        List<Entry> renamed = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            renamed.add(report.entries().get(k).named(names.get(k)));
        }
        return new Report(renamed);
    }

    /** {@link #check(Supplier, List)} with the parameters listed inline. */
    public static Report check(Supplier<Node> loss, Node... parameters) {
        return check(loss, List.of(parameters));
    }

    /** Central differences (L(θ + ε) − L(θ − ε)) / 2ε for every entry θ of one parameter. */
    public static DMatrixRMaj numericGradient(Supplier<Node> loss, Node parameter) {
        DMatrixRMaj theta = parameter.value();
        DMatrixRMaj numeric = new DMatrixRMaj(theta.numRows, theta.numCols);
        try (Node.NoGrad ignored = Node.noGrad()) {
            for (int i = 0; i < theta.getNumElements(); i++) {
                double saved = theta.data[i];
                theta.data[i] = saved + EPSILON;
                double plus = loss.get().scalar();
                theta.data[i] = saved - EPSILON;
                double minus = loss.get().scalar();
                theta.data[i] = saved;
                numeric.data[i] = (plus - minus) / (2 * EPSILON);
            }
        }
        return numeric;
    }

    /**
     * For an entry that failed: looks for a failing element where the one-sided differences (L(θ+ε) − L(θ))/ε and
     * (L(θ) − L(θ−ε))/ε disagree by more than smoothness allows (a kink between θ − ε and θ + ε), and notes it.
     */
    private static Entry withKinkNote(Entry e, Supplier<Node> loss, Node parameter, DMatrixRMaj analytic,
                                      DMatrixRMaj numeric) {
        DMatrixRMaj theta = parameter.value();
        try (Node.NoGrad ignored = Node.noGrad()) {
            for (int i = 0; i < theta.getNumElements(); i++) {
                if (passes(analytic.data[i], numeric.data[i])) {
                    continue;
                }
                double saved = theta.data[i];
                double centre = loss.get().scalar();
                theta.data[i] = saved + EPSILON;
                double plus = loss.get().scalar();
                theta.data[i] = saved - EPSILON;
                double minus = loss.get().scalar();
                theta.data[i] = saved;
                double right = (plus - centre) / EPSILON;
                double left = (centre - minus) / EPSILON;
                if (Math.abs(right - left) > KINK_TOLERANCE * Math.max(1, Math.max(Math.abs(left), Math.abs(right)))) {
                    int r = i / theta.numCols;
                    int c = i % theta.numCols;
                    String note = String.format(Locale.ROOT, "entry (%d, %d) = %s sits on a kink: the loss is not"
                            + " differentiable there (like relu at 0): the one-sided differences disagree, left"
                            + " %s and right %s, so the central difference %s is their average and backprop"
                            + " gave %s; check at a point away from the kink (other values or another seed)",
                            r, c, saved, brief(left), brief(right), brief(numeric.data[i]), brief(analytic.data[i]));
                    return new Entry(e.parameter(), e.rows(), e.cols(), e.maxAbsoluteError(), e.relativeError(),
                            false, note);
                }
            }
        }
        return e;
    }

    /** Six significant digits without trailing zeros: 1, 0.5, 0.333333, 1.23457e+08. */
    private static String brief(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x == 0 ? "0" : Double.toString(x);
        }
        if (Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6) {
            return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", x);
    }

    private static boolean passes(double a, double n) {
        return Math.abs(a - n) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(n);
    }

    private static Entry compare(String name, DMatrixRMaj analytic, DMatrixRMaj numeric) {
        double maxAbs = 0;
        double scale = 0;
        boolean passed = true;
        for (int i = 0; i < analytic.getNumElements(); i++) {
            double a = analytic.data[i];
            double n = numeric.data[i];
            double diff = Math.abs(a - n);
            passed &= diff <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.abs(n);
            maxAbs = Math.max(maxAbs, diff);
            scale = Math.max(scale, Math.max(Math.abs(a), Math.abs(n)));
        }
        double relative = scale == 0 ? 0 : maxAbs / scale;
        return new Entry(name, analytic.numRows, analytic.numCols, maxAbs, relative, passed);
    }
}
