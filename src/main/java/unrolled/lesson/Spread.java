package unrolled.lesson;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.LongToDoubleFunction;

/**
 * One number measured once per seed, and its spread: median, range and how many seeds pass a test. A comparison
 * that carries a lesson runs over several seeds, because one seed on a knife-edge task teaches noise:
 * <pre>{@code
 * Spread lstm = Spread.over("LSTM", 1, 5, seed -> experiment.run(lstmWithSeed(seed)).accuracy());
 * lstm.count(a -> a >= 0.9)   // in how many of the 5 seeds it learned
 * }</pre>
 * {@code toString()} prints {@code LSTM  median 0.998  range [0.990, 1.000]  over seeds 1–5: 0.998 1.000 …}.
 */
public final class Spread {

    private final String name;
    private final long[] seeds;
    private final double[] values;

    private Spread(String name, long[] seeds, double[] values) {
        this.name = name;
        this.seeds = seeds;
        this.values = values;
    }

    /** measure(seed) for seed = first, first + 1, …, first + count − 1, in that order. */
    public static Spread over(String name, long first, int count, LongToDoubleFunction measure) {
        if (count < 1) {
            throw new IllegalArgumentException("Spread.over: need at least one seed, got count " + count);
        }
        long[] seeds = new long[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = first + i;
            values[i] = measure.applyAsDouble(seeds[i]);
        }
        return new Spread(name, seeds, values);
    }

    /** Values measured elsewhere, one per seed. */
    public static Spread of(String name, long[] seeds, double[] values) {
        if (seeds.length != values.length || seeds.length == 0) {
            throw new IllegalArgumentException("Spread.of: " + seeds.length + " seeds and " + values.length
                    + " values; need the same number, at least one");
        }
        return new Spread(name, seeds.clone(), values.clone());
    }

    public String name() {
        return name;
    }

    public int size() {
        return values.length;
    }

    /** The values, in seed order. */
    public double[] values() {
        return values.clone();
    }

    public long[] seeds() {
        return seeds.clone();
    }

    public double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    public double mean() {
        return Arrays.stream(values).average().orElseThrow();
    }

    /** How many seeds give a value that passes the test. */
    public int count(DoublePredicate test) {
        return (int) Arrays.stream(values).filter(test).count();
    }

    /** "k/n", for "learns in k/n seeds". */
    public String fraction(DoublePredicate test) {
        return count(test) + "/" + size();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-12s median %s  range [%s, %s]  seeds %d–%d:",
                name, Claim.format(median()), Claim.format(min()), Claim.format(max()), seeds[0],
                seeds[seeds.length - 1]));
        for (double v : values) {
            s.append(' ').append(Claim.format(v));
        }
        return s.toString();
    }
}
