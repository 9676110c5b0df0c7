package unrolled.lesson;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Wall-clock times, always written {@code ⏱ 12.3 ms} (or µs, s): the one kind of output that may differ from run to
 * run. The notebook tests compare two runs of every notebook with {@link #MARK} and the number after it masked
 * ({@link #mask}); everything else must match to the last digit.
 */
public final class Timing {

    /** Marks a time in printed output. */
    public static final String MARK = "⏱";
    private static final Pattern TIME = Pattern.compile(MARK + " [0-9][0-9.,]*(e[-+]?[0-9]+)? ?(ns|µs|ms|s|min)\\b");

    private Timing() {}

    /** seconds as {@code ⏱ 1.23 s}, {@code ⏱ 45.6 ms} or {@code ⏱ 789 µs}. */
    public static String format(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%s %.1f s", MARK, seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%s %.3g ms", MARK, seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%s %.3g µs", MARK, seconds * 1e6);
    }

    /** Runs {@code work}, prints {@code label ⏱ time} and returns the work's result. */
    public static <T> T print(String label, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        System.out.println(label + " " + format((System.nanoTime() - start) / 1e9));
        return result;
    }

    /** Text with every marked time replaced by {@code ⏱ …}, for comparing two runs. */
    public static String mask(String text) {
        return TIME.matcher(text).replaceAll(MARK + " …");
    }
}
