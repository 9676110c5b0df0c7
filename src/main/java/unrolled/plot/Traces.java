package unrolled.plot;

/**
 * Turns a trace recorded step by step — {@code trace[t][u]}, one row per time step, as {@code GateTraces.get} gives
 * it — into one row per unit, {@code out[u][t] = trace[t][u]}: the layout {@link Charts#heatmap} draws with time
 * along the x axis and one unit per row.
 */
public final class Traces {

    private Traces() {}

    /** The transpose of a [time][unit] trace: [unit][time]. */
    public static double[][] unitsByTime(double[][] trace) {
        if (trace.length == 0) {
            throw new IllegalArgumentException("Traces.unitsByTime: the trace has no time steps");
        }
        double[][] out = new double[trace[0].length][trace.length];
        for (int t = 0; t < trace.length; t++) {
            if (trace[t].length != out.length) {
                throw new IllegalArgumentException("Traces.unitsByTime: step " + t + " has " + trace[t].length
                        + " units, step 0 has " + out.length);
            }
            for (int u = 0; u < out.length; u++) {
                out[u][t] = trace[t][u];
            }
        }
        return out;
    }
}
