package unrolled.analysis;

/** Evenly spaced values, as numpy's {@code linspace}: the axes of the curves and surfaces in this package. */
public final class Linspace {

    private Linspace() {}

    /** n values from {@code from} to {@code to}, both included: from + k·(to − from)/(n − 1), k = 0 … n − 1. */
    public static double[] of(double from, double to, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Linspace: need at least one point, got " + n);
        }
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = n == 1 ? from : from + k * (to - from) / (n - 1);
        }
        return values;
    }
}
