package unrolled.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Checks backprop against central finite differences in double precision: for every entry θ of every parameter,
 * n = (L(θ + ε) − L(θ − ε)) / 2ε with ε = 1e−6, compared with the gradient a that {@code backward()} left in θ.
 * An entry passes when |a − n| ≤ 1e−5 + 1e−3·|n|. Per parameter the report gives the largest absolute error
 * max|a − n| and the relative error ‖a − n‖∞ / max(‖a‖∞, ‖n‖∞).
 */
public final class GradCheck {

    public static final double EPSILON = 1e-6;
    public static final double ABSOLUTE_TOLERANCE = 1e-5;
    public static final double RELATIVE_TOLERANCE = 1e-3;

    private GradCheck() {}

    /** The errors for one parameter. */
    public record Entry(String parameter, int rows, int cols, double maxAbsoluteError, double relativeError,
                        boolean passed) {}

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
        loss.get().backward();
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            Node p = parameters.get(k);
            DMatrixRMaj analytic = p.grad().copy();
            DMatrixRMaj numeric = numericGradient(loss, p);
            entries.add(compare(p.label() != null ? p.label() : "param " + k, analytic, numeric));
        }
        return new Report(entries);
    }

    /** {@link #check(Supplier, List)} for named parameters, reported under their names. */
    public static Report check(Supplier<Node> loss, java.util.Map<String, Node> namedParameters) {
        Report report = check(loss, List.copyOf(namedParameters.values()));
        List<String> names = List.copyOf(namedParameters.keySet());
        List<Entry> renamed = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            Entry e = report.entries().get(k);
            renamed.add(new Entry(names.get(k), e.rows(), e.cols(), e.maxAbsoluteError(), e.relativeError(), e.passed()));
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
