package unrolled.lesson;

import java.util.Arrays;

/**
 * The exact two-sided permutation test on a difference of means, for the small samples of a seed comparison
 * (five seeds of one model against five of another).
 *
 * <p>If the label ("LSTM" or "peephole") made no difference, the pooled n = |a| + |b| values could be split into a
 * group of k = |a| and a group of n − k in any of the C(n, k) ways with equal chance. The p-value is the share of
 * those splits whose gap between the group means is at least the gap measured:
 * <pre>
 *   p = #{ S ⊂ pooled, |S| = k : |mean(S) − mean(pooled \ S)| ≥ |mean(a) − mean(b)| } / C(n, k)
 * </pre>
 * (with a tolerance of 10⁻¹² on the comparison, so that the measured split itself always counts). Every split is
 * enumerated, so the p-value is exact, and n is limited to {@value #MAX_VALUES}.
 */
public final class PermutationTest {

    /** The largest pooled sample: C(20, 10) = 184 756 splits. */
    public static final int MAX_VALUES = 20;

    private PermutationTest() {}

    /** The two-sided p-value of the gap between the means of {@code a} and {@code b} (see the class comment). */
    public static double pValue(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0 || a.length + b.length > MAX_VALUES) {
            throw new IllegalArgumentException("PermutationTest: samples of " + a.length + " and " + b.length
                    + " values; each needs at least one, together at most " + MAX_VALUES);
        }
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double total = Arrays.stream(all).sum();
        double observed = Math.abs(Arrays.stream(a).average().getAsDouble() - Arrays.stream(b).average().getAsDouble());
        int n = all.length, k = a.length, extreme = 0, splits = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != k) {
                continue;
            }
            double sumA = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sumA += all[i];
                }
            }
            double gap = Math.abs(sumA / k - (total - sumA) / (n - k));
            splits++;
            if (gap >= observed - 1e-12) {
                extreme++;
            }
        }
        return (double) extreme / splits;
    }
}
