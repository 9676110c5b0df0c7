package unrolled.plot;

import java.util.Locale;

/**
 * Numbers as the cell pictures write them: a fixed number of decimals, a real minus sign (−, U+2212) and no
 * "−0.00". {@code number(-0.4621, 2)} is "−0.46", {@code vector(new double[] {0.8, -0.001}, 2)} is "[0.80, 0.00]".
 */
public final class ValueFormat {

    private ValueFormat() {}

    /** v rounded to this many decimals, with a real minus sign and no negative zero. */
    public static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return (s.matches("-0\\.0*") || s.equals("-0") ? s.substring(1) : s).replace("-", "−");
    }

    /** The numbers as {@code [a, b, c]}, each {@link #number(double, int) written} with this many decimals. */
    public static String vector(double[] v, int decimals) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < v.length; k++) {
            s.append(k == 0 ? "" : ", ").append(number(v[k], decimals));
        }
        return s.append("]").toString();
    }
}
