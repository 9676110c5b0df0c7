package unrolled.train;

/** Checks of hyper-parameters, with messages that name the method, the hyper-parameter and the value given. */
final class HyperParameters {

    private HyperParameters() {}

    /** value &gt; 0 and finite. */
    static void requirePositive(String where, String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + ": " + what + " must be a positive number, got " + value);
        }
    }

    /** 0 ≤ value &lt; 1. */
    static void requireFraction(String where, String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(where + ": " + what + " must be in [0, 1), got " + value);
        }
    }

    /** value ≥ 0 and finite. */
    static void requireNonNegative(String where, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + ": " + what + " must be zero or positive, got " + value);
        }
    }

    /** n ≥ 1. */
    static void requireCount(String where, String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(where + ": " + what + " must be at least 1, got " + n);
        }
    }
}
