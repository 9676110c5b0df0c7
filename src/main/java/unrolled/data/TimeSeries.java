package unrolled.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A univariate time series x_0 … x_{n−1}, loaded from a CSV column, optionally normalised, and cut into sliding
 * windows that predict the next value.
 *
 * <pre>{@code
 * var sunspots = TimeSeries.fromCsv(Path.of("data/sunspots.csv"), "SUNACTIVITY")
 *                          .normalise(Normalisation.MIN_MAX, 0.8);   // statistics of the first 80 % only
 * Splits splits = sunspots.split(20, 0.8, 0.1, 0.1);
 * for (Batch b : splits.train().batches(32, new Random(0))) { ... b.inputs() ... b.targets() ... }
 * double[] predictedSunspots = sunspots.denormalise(predictions);
 * }</pre>
 *
 * Instances are immutable; {@link #normalise} returns a new series that remembers its {@link Scaler}.
 */
public final class TimeSeries {

    private final String name;
    private final double[] values;
    private final Scaler scaler;

    private TimeSeries(String name, double[] values, Scaler scaler) {
        this.name = name;
        this.values = values;
        this.scaler = scaler;
    }

    /**
     * A series from explicit values (copied).
     *
     * @param name   what to call it in messages and {@code toString}
     * @param values the values in time order; at least one, all finite
     * @return the series
     * @throws IllegalArgumentException if there are no values or one is NaN or infinite
     */
    public static TimeSeries of(String name, double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': no values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("TimeSeries '" + name + "': value " + i + " is " + values[i]);
            }
        }
        return new TimeSeries(name, values.clone(), null);
    }

    /**
     * Loads one numeric column of a CSV file with a header row, in file order, using Tablesaw.
     *
     * @param file   the CSV file, e.g. {@code Path.of("data/sunspots.csv")}
     * @param column the header of the column to load (exact spelling)
     * @return the series, named after the column
     * @throws IllegalArgumentException if the file does not exist, the column is not there (the message lists the
     *                                  columns that are), or a row is empty or not a finite number (the message
     *                                  names the row and its line in the file)
     */
    public static TimeSeries fromCsv(Path file, String column) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TimeSeries.fromCsv: no such file " + file + " (looked for "
                    + file.toAbsolutePath().normalize() + ")");
        }
        Table table;
        try {
            // Everything as text, so that a bad cell is reported by us, with its row, rather than by the type guesser.
            table = Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(header -> ColumnType.STRING));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("TimeSeries.fromCsv: cannot read " + file + " as CSV: " + e.getMessage(),
                    e);
        }
        return read(table, column, "TimeSeries.fromCsv(" + file.getFileName() + ")", file.getFileName().toString());
    }

    /**
     * Takes one numeric column of a Tablesaw table, in row order. Use it after cleaning a table with Tablesaw, e.g.
     * {@code TimeSeries.fromTable(Table.read().csv("data/co2.csv").dropRowsWithMissingValues(), "co2")}.
     *
     * @param table  the table
     * @param column the name of the column (exact spelling)
     * @return the series, named after the column
     * @throws IllegalArgumentException if the column is not there (the message lists the columns that are) or a row
     *                                  is missing or not a finite number (the message names the row)
     */
    public static TimeSeries fromTable(Table table, String column) {
        return read(table, column, "TimeSeries.fromTable(" + table.name() + ")", null);
    }

    private static TimeSeries read(Table table, String column, String where, String fileName) {
        if (!table.columnNames().contains(column)) {
            throw new IllegalArgumentException(where + ": no column '" + column + "'; available columns: "
                    + table.columnNames());
        }
        Column<?> c = table.column(column);
        double[] values = new double[c.size()];
        for (int row = 0; row < values.length; row++) {
            String at = "row " + row + (fileName == null ? "" : " (line " + (row + 2) + " of " + fileName + ")");
            if (c.isMissing(row)) {
                throw new IllegalArgumentException(where + ": column '" + column + "' has a missing value at " + at
                        + " (an empty cell or a marker such as NA or NaN)");
            }
            String text = c.getUnformattedString(row).trim();
            try {
                values[row] = c instanceof NumberColumn<?, ?> n ? n.getDouble(row) : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                values[row] = Double.NaN;
            }
            if (!Double.isFinite(values[row])) {
                throw new IllegalArgumentException(where + ": column '" + column + "' at " + at + " holds '" + text
                        + "', which is not a finite number");
            }
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(where + ": column '" + column + "' has no rows");
        }
        return new TimeSeries(column, values, null);
    }

    /** @return the name, usually the column it came from */
    public String name() {
        return name;
    }

    /** @return the number of values n */
    public int length() {
        return values.length;
    }

    /**
     * @param t the time index, 0 ≤ t &lt; n
     * @return x_t
     */
    public double get(int t) {
        return values[t];
    }

    /** @return a copy of the values x_0 … x_{n−1} */
    public double[] values() {
        return values.clone();
    }

    /** @return whether this series was produced by {@link #normalise} */
    public boolean isNormalised() {
        return scaler != null;
    }

    /**
     * @return the statistics this series was normalised with
     * @throws IllegalStateException if it was not normalised
     */
    public Scaler scaler() {
        if (scaler == null) {
            throw new IllegalStateException("TimeSeries '" + name + "' is not normalised; call normalise(...) first");
        }
        return scaler;
    }

    /**
     * Normalises with statistics of the whole series. Convenient, but the statistics then include the test
     * stretch; prefer {@link #normalise(Normalisation, double)} with the training fraction.
     *
     * @param kind min-max or z-score
     * @return a new series x'_t = (x_t − shift) / scale that remembers its {@link Scaler}
     */
    public TimeSeries normalise(Normalisation kind) {
        return normalise(kind, 1.0);
    }

    /**
     * Normalises with statistics of the first {@code fitFraction} of the series only, so nothing about the later
     * validation and test stretches leaks into training. Values after that stretch may fall outside [0, 1] for
     * min-max scaling; that is expected.
     *
     * @param kind        min-max or z-score
     * @param fitFraction the leading fraction of the series whose statistics are used, in (0, 1]
     * @return a new series x'_t = (x_t − shift) / scale that remembers its {@link Scaler}
     * @throws IllegalArgumentException if the fraction is out of range or the fitted stretch is constant
     * @throws IllegalStateException    if the series is already normalised
     */
    public TimeSeries normalise(Normalisation kind, double fitFraction) {
        if (scaler != null) {
            throw new IllegalStateException("TimeSeries '" + name + "' is already normalised (" + scaler + ")");
        }
        if (!(fitFraction > 0 && fitFraction <= 1)) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': fitFraction must be in (0, 1], got "
                    + fitFraction);
        }
        int fitLength = Math.max(1, (int) Math.round(fitFraction * values.length));
        Scaler fitted = kind.fit(Arrays.copyOf(values, fitLength));
        return new TimeSeries(name, Arrays.stream(values).map(fitted::apply).toArray(), fitted);
    }

    /**
     * Maps one normalised value, e.g. a prediction, back to the original scale: x = x' · scale + shift.
     *
     * @param normalised a value on the normalised scale
     * @return the value on the original scale
     * @throws IllegalStateException if this series is not normalised
     */
    public double denormalise(double normalised) {
        return scaler().invert(normalised);
    }

    /**
     * Maps normalised values back to the original scale: x = x' · scale + shift.
     *
     * @param normalised values on the normalised scale
     * @return a new array on the original scale
     * @throws IllegalStateException if this series is not normalised
     */
    public double[] denormalise(double[] normalised) {
        Scaler s = scaler();
        return Arrays.stream(normalised).map(s::invert).toArray();
    }

    /**
     * Maps a batch × 1 matrix of normalised predictions back to the original scale.
     *
     * @param predictions batch × 1, e.g. the output of a network for a {@link Batch}
     * @return the batch values on the original scale, in row order
     * @throws IllegalArgumentException if the matrix has more than one column
     * @throws IllegalStateException    if this series is not normalised
     */
    public double[] denormalise(DMatrixRMaj predictions) {
        if (predictions.numCols != 1) {
            throw new IllegalArgumentException("TimeSeries '" + name + "'.denormalise: expected batch×1 predictions, "
                    + "got " + predictions.numRows + "×" + predictions.numCols);
        }
        return denormalise(Arrays.copyOf(predictions.data, predictions.numRows));
    }

    /**
     * All sliding windows of length T: window k has inputs x_k … x_{k+T−1} and target x_{k+T}, for
     * k = 0 … n−T−1, so there are n − T windows.
     *
     * @param window the window length T ≥ 1
     * @return the n − T windows, in time order
     * @throws IllegalArgumentException if T &lt; 1 or the series has fewer than T + 1 values
     */
    public SlidingWindows windows(int window) {
        requireWindow(window);
        return SlidingWindows.slide(name, values, window, 0, values.length - window);
    }

    /**
     * The n − T sliding windows of length T (see {@link #windows(int)}) split in time order, as the
     * {@code load_data} of the classic Keras LSTM time-series example does: the first round(train · N) windows
     * for training, the next ones up to round((train + validation) · N) for validation, the rest for test.
     *
     * @param window     the window length T ≥ 1
     * @param train      fraction of the windows for training, in (0, 1]
     * @param validation fraction for validation, in [0, 1)
     * @param test       fraction for testing, in [0, 1); the three must sum to 1
     * @return the three splits
     * @throws IllegalArgumentException if the window is too long, a fraction is out of range, the fractions do not
     *                                  sum to 1, or a split with a positive fraction would get no window
     */
    public Splits split(int window, double train, double validation, double test) {
        requireWindow(window);
        String fractions = "train " + train + " + validation " + validation + " + test " + test;
        if (!(train > 0 && train <= 1 && validation >= 0 && validation < 1 && test >= 0 && test < 1)) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': fractions must be train in (0, 1] and "
                    + "validation, test in [0, 1); got " + fractions);
        }
        if (Math.abs(train + validation + test - 1) > 1e-6) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': fractions must sum to 1, got " + fractions
                    + " = " + (train + validation + test));
        }
        int n = values.length - window;
        int endTrain = (int) Math.round(train * n);
        int endValidation = Math.min(n, (int) Math.round((train + validation) * n));
        requireSomeWindows("train", train, endTrain, n, window);
        requireSomeWindows("validation", validation, endValidation - endTrain, n, window);
        requireSomeWindows("test", test, n - endValidation, n, window);
        return new Splits(SlidingWindows.slide("train", values, window, 0, endTrain),
                SlidingWindows.slide("validation", values, window, endTrain, endValidation),
                SlidingWindows.slide("test", values, window, endValidation, n));
    }

    private void requireWindow(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': window must be at least 1, got " + window);
        }
        if (window >= values.length) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': window " + window + " is too long for "
                    + values.length + " values; a window of T values plus its target needs at least T + 1 = "
                    + (window + 1) + " values");
        }
    }

    private void requireSomeWindows(String split, double fraction, int count, int total, int window) {
        if (fraction > 0 && count == 0) {
            throw new IllegalArgumentException("TimeSeries '" + name + "': the " + split + " fraction " + fraction
                    + " of " + total + " windows of length " + window + " gives no window; use a longer series, a "
                    + "shorter window, a larger fraction, or 0");
        }
    }

    /** @return for example {@code TimeSeries[SUNACTIVITY: 309 values, min 0.000, mean 49.75, max 190.2; 5.000, …]} */
    @Override
    public String toString() {
        DoubleSummaryStatistics s = Arrays.stream(values).summaryStatistics();
        StringBuilder preview = new StringBuilder();
        for (int t = 0; t < Math.min(5, values.length); t++) {
            preview.append(t == 0 ? "" : ", ").append(brief(values[t]));
        }
        return "TimeSeries[" + name + ": " + values.length + " values, min " + brief(s.getMin()) + ", mean "
                + brief(s.getAverage()) + ", max " + brief(s.getMax())
                + (scaler == null ? "" : ", normalised by " + scaler) + "; " + preview
                + (values.length > 5 ? ", …" : "") + "]";
    }

    private static String brief(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
