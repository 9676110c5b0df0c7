package unrolled.nn;

import java.util.Locale;

/**
 * A check before a recurrent layer allocates memory that grows with sequence length × batch × hidden: if even a
 * lower estimate of what the forward pass will hold does not fit in the free heap, fail at once with a message that
 * says what to change, instead of running into an {@link OutOfMemoryError} (which in a notebook can leave the kernel
 * failing cell after cell while variables still hold the memory).
 *
 * <p>Free heap is {@code Runtime.maxMemory() − (totalMemory() − freeMemory())}. Used memory includes garbage not yet
 * collected, so when the estimate does not fit, the check asks for a collection once and measures again before it
 * fails: a layer that fits is never refused for garbage, and the usual case costs two Runtime calls.
 */
public final class MemoryEstimate {

    private MemoryEstimate() {}

    /**
     * Fails if {@code steps × batch × doublesPerRow} doubles (8 bytes each) cannot fit in the free heap.
     *
     * @param layer         names the layer in the message ("LSTM", "RecurrentLayer")
     * @param doublesPerRow how many doubles the forward pass keeps per step and batch row, at least
     * @param hidden        the hidden size, for the message
     * @throws IllegalStateException naming the sizes, the estimate, the free heap and what to try
     */
    public static void require(String layer, long steps, long batch, long hidden, long doublesPerRow) {
        double bytes = 8.0 * steps * batch * doublesPerRow;
        long free = freeHeap();
        if (bytes <= free) {
            return;
        }
        System.gc();
        free = freeHeap();
        if (bytes <= free) {
            return;
        }
        Runtime rt = Runtime.getRuntime();
        throw new IllegalStateException(String.format(Locale.ROOT, "%s: a sequence of %d steps × batch %d × hidden %d"
                + " needs at least %s of heap for its forward pass (more for backward), but only %s is free (maximum"
                + " heap %s). Shorten the sequence with truncated BPTT (TruncatedBPTT over SequenceSampler windows),"
                + " use a smaller batch, free what earlier cells hold (set big variables to null), or give the JVM"
                + " more heap: restart the notebook kernel with UNROLLED_KERNEL_HEAP=2g ./lab.sh (or -Xmx)",
                layer, steps, batch, hidden, size(bytes), size(free), size(rt.maxMemory())));
    }

    /** The heap the JVM may still use: its maximum minus what is in use now (garbage included). */
    static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** 1.5 GB, 320 MB, 12 kB. */
    static String size(double bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (bytes >= 1000 && u < units.length - 1) {
            bytes /= 1000;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", bytes)
                : String.format(Locale.ROOT, bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
    }
}
