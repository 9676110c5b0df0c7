package unrolled.lesson;

import java.util.Locale;

/**
 * Checks an outcome that a lesson's text states, in the cell that produces it. A claim that holds prints one line,
 * {@code ✓ claim: measured}; one that does not throws {@link ClaimFailed} with the claim and the measured value, so
 * the notebook stops there and its test fails:
 * <pre>{@code
 * Claim.atLeast("the LSTM remembers the symbol (test accuracy)", lstm.accuracy(), 0.95);
 * Claim.that("the LSTM learns in more seeds than the RNN", lstmWins > rnnWins, lstmWins + "/5 vs " + rnnWins + "/5");
 * }</pre>
 * Numbers print with 4 significant digits ({@link #format}). Every method returns normally only when the claim holds.
 */
public final class Claim {

    private Claim() {}

    /** The claim holds when {@code holds}; {@code measured} says what was seen (printed either way). */
    public static void that(String claim, boolean holds, String measured) {
        if (!holds) {
            throw new ClaimFailed("The lesson claims: " + claim + " — but measured " + measured);
        }
        System.out.println("✓ " + claim + ": " + measured);
    }

    /** value ≤ bound. */
    public static void atMost(String claim, double value, double bound) {
        that(claim, value <= bound, format(value) + " (≤ " + format(bound) + ")");
    }

    /** value ≥ bound. */
    public static void atLeast(String claim, double value, double bound) {
        that(claim, value >= bound, format(value) + " (≥ " + format(bound) + ")");
    }

    /** low ≤ value ≤ high. */
    public static void between(String claim, double value, double low, double high) {
        that(claim, value >= low && value <= high,
                format(value) + " (in [" + format(low) + ", " + format(high) + "])");
    }

    /** a &gt; b: "a beats b" when larger is better. */
    public static void greater(String claim, double a, double b) {
        that(claim, a > b, format(a) + " > " + format(b));
    }

    /** a &lt; b: "a beats b" when smaller is better (losses, errors, perplexities). */
    public static void less(String claim, double a, double b) {
        that(claim, a < b, format(a) + " < " + format(b));
    }

    /** |actual − expected| ≤ tolerance. */
    public static void close(String claim, double actual, double expected, double tolerance) {
        double difference = Math.abs(actual - expected);
        that(claim, difference <= tolerance,
                format(actual) + " vs " + format(expected) + ", difference " + format(difference)
                        + " (≤ " + format(tolerance) + ")");
    }

    /** Every |actual[i] − expected[i]| ≤ tolerance, and the lengths agree. */
    public static void close(String claim, double[] actual, double[] expected, double tolerance) {
        if (actual.length != expected.length) {
            that(claim, false, actual.length + " values where " + expected.length + " were expected");
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double difference = Math.abs(actual[i] - expected[i]);
            worst = Double.isNaN(difference) ? Double.NaN : Math.max(worst, difference);
        }
        that(claim, worst <= tolerance,
                "largest difference " + format(worst) + " over " + actual.length + " values (≤ " + format(tolerance)
                        + ")");
    }

    /** actual equals expected ({@link Object#equals}). */
    public static void equal(String claim, Object actual, Object expected) {
        that(claim, java.util.Objects.equals(actual, expected),
                actual + (java.util.Objects.equals(actual, expected) ? "" : " (expected " + expected + ")"));
    }

    /** A number with 4 significant digits, in scientific notation when very large or small; NaN and ∞ as such. */
    public static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        double magnitude = Math.abs(x);
        if (x == 0 || (magnitude >= 1e-3 && magnitude < 1e6)) {
            String s = String.format(Locale.ROOT, "%.4g", x);
            return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.3e", x);
    }
}
