package unrolled.train;

import java.util.Locale;

/**
 * Losses as text: four decimals in the usual range (0.5123, 12.3456), scientific notation outside it, so that an
 * exploding loss prints as 3.2150e+299 rather than as a 300-digit number, and a tiny one does not print as 0.0000.
 */
public final class LossFormat {

    private LossFormat() {}

    /** {@code %.4f} for 10⁻⁴ ≤ |x| &lt; 10⁶ (and 0), else {@code %.4e}; NaN and ±Infinity as Java names them. */
    public static String format(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        return String.format(Locale.ROOT, a == 0 || (a >= 1e-4 && a < 1e6) ? "%.4f" : "%.4e", x);
    }

    /** A growth factor: 1e6 for a power of ten, else as {@link #format}. */
    static String factor(double x) {
        double exponent = Math.log10(x);
        if (x >= 10 && exponent == Math.rint(exponent) && Math.pow(10, exponent) == x) {
            return "1e" + (long) exponent;
        }
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
