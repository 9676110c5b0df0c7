package unrolled.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts for the notebooks, each returned as a {@link BufferedImage} so that it renders as the last expression of
 * a cell. Every chart has a title and labelled axes, a white background, and a legend only when it shows more than
 * one series. Images are {@link #setDefaultSize default size} (640 × 400 unless changed); an {@link #xy} builder
 * sets its own.
 *
 * <pre>{@code
 * Charts.lossCurve("LSTM on sunspots", trainLoss, validationLoss)
 * Charts.xy("σ(w·x) for x = 1").xLabel("w").yLabel("output").series("σ", ws, outputs).image()
 * }</pre>
 *
 * Bad input (empty or mismatched arrays, NaN or infinite values, non-positive values on a log axis) throws an
 * {@link IllegalArgumentException} that names the chart, the series and the problem.
 */
public final class Charts {

    private static volatile int defaultWidth = 640;
    private static volatile int defaultHeight = 400;

    private Charts() {}

    /**
     * Sets the size of every chart made afterwards without an explicit size, like matplotlib's figure size.
     *
     * @param width  pixels, ≥ 100
     * @param height pixels, ≥ 100
     * @throws IllegalArgumentException if either is below 100
     */
    public static void setDefaultSize(int width, int height) {
        requireSize("Charts.setDefaultSize", width, height);
        defaultWidth = width;
        defaultHeight = height;
    }

    /** @return the current default width in pixels (640 unless changed) */
    public static int defaultWidth() {
        return defaultWidth;
    }

    /** @return the current default height in pixels (400 unless changed) */
    public static int defaultHeight() {
        return defaultHeight;
    }

    /**
     * Starts a line chart with any number of named series.
     *
     * @param title the chart title
     * @return a builder; finish it with {@link XY#image()}
     */
    public static XY xy(String title) {
        return new XY("Charts.xy", title);
    }

    /**
     * A single curve y(x), e.g. w → output.
     *
     * @param title  the chart title
     * @param xLabel the x axis label, with units if there are any
     * @param yLabel the y axis label, with units if there are any
     * @param x      the x values
     * @param y      the y values, as many as x
     * @return the chart image at the default size
     */
    public static BufferedImage line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return line(title, xLabel, yLabel, x, y, false);
    }

    /**
     * A single curve y(x), optionally with a logarithmic y axis (for quantities that shrink or grow
     * exponentially).
     *
     * @param title  the chart title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param x      the x values
     * @param y      the y values, as many as x; all &gt; 0 when {@code logY}
     * @param logY   whether the y axis is logarithmic
     * @return the chart image at the default size
     */
    public static BufferedImage line(String title, String xLabel, String yLabel, double[] x, double[] y, boolean logY) {
        return new XY("Charts.line", title).xLabel(xLabel).yLabel(yLabel).logY(logY).series(yLabel, x, y).image();
    }

    /**
     * Training (and validation) loss per epoch, plotted at epochs 1, 2, …, n.
     *
     * @param title          the chart title
     * @param trainLoss      the training loss of each epoch
     * @param validationLoss the validation loss of each epoch, as many as {@code trainLoss}, or {@code null}
     * @return the chart image at the default size, x "epoch", y "loss"
     */
    public static BufferedImage lossCurve(String title, double[] trainLoss, double[] validationLoss) {
        XY chart = new XY("Charts.lossCurve", title).xLabel("epoch").yLabel("loss").xFrom(1)
                .series("train", trainLoss);
        if (validationLoss != null) {
            chart.require(validationLoss.length == trainLoss.length, "validation loss has " + validationLoss.length
                    + " values but train loss has " + trainLoss.length);
            chart.series("validation", validationLoss);
        }
        return chart.image();
    }

    /**
     * Several named loss curves, e.g. one per model, each plotted at epochs 1, 2, …, n (the curves may have
     * different lengths).
     *
     * @param title  the chart title
     * @param curves loss per epoch by curve name, drawn in the map's iteration order (use a {@link LinkedHashMap})
     * @return the chart image at the default size, x "epoch", y "loss"
     */
    public static BufferedImage lossCurves(String title, Map<String, double[]> curves) {
        return new XY("Charts.lossCurves", title).xLabel("epoch").yLabel("loss").xFrom(1).series(curves).image();
    }

    /**
     * Actual values and predictions of a series, plotted at time steps 0, 1, …, n − 1, with the y axis labelled
     * "value".
     *
     * @param title     the chart title
     * @param actual    the true values
     * @param predicted the predictions, as many as {@code actual}
     * @return the chart image at the default size
     */
    public static BufferedImage predictionVsActual(String title, double[] actual, double[] predicted) {
        return predictionVsActual(title, actual, predicted, "value");
    }

    /**
     * Actual values and predictions of a series, plotted at time steps 0, 1, …, n − 1. To place them elsewhere,
     * e.g. at the test stretch of a series, use {@code xy(title).xFrom(start)}.
     *
     * @param title     the chart title
     * @param actual    the true values
     * @param predicted the predictions, as many as {@code actual}
     * @param yLabel    what the values are, with units, e.g. "sunspot number" or "CO₂ (ppmv)"
     * @return the chart image at the default size, x "time step"
     */
    public static BufferedImage predictionVsActual(String title, double[] actual, double[] predicted, String yLabel) {
        XY chart = new XY("Charts.predictionVsActual", title).xLabel("time step").yLabel(yLabel);
        chart.require(actual != null && predicted != null && actual.length == predicted.length, "actual has "
                + (actual == null ? "no array" : actual.length + " values") + " but predicted has "
                + (predicted == null ? "no array" : predicted.length + " values"));
        return chart.series("actual", actual).series("predicted", predicted).image();
    }

    /**
     * The norm of the gradient reaching each time step, ‖∂L/∂h_t‖ for t = 0 … T−1, on a logarithmic axis, where
     * vanishing gradients fall as a straight line of slope log ρ per step.
     *
     * @param title          the chart title
     * @param normsPerSeries the norms per step, index t, by series name (e.g. "RNN", "LSTM"), each value &gt; 0
     * @return the chart image at the default size, x "time step t", y "‖∂L/∂h_t‖" (log scale)
     */
    public static BufferedImage gradientNormOverTime(String title, Map<String, double[]> normsPerSeries) {
        return new XY("Charts.gradientNormOverTime", title).xLabel("time step t").yLabel("‖∂L/∂h_t‖").logY()
                .series(normsPerSeries).image();
    }

    /**
     * A heat map of a matrix, e.g. gate activations with one row per hidden unit and one column per time step.
     * Cell {@code values[i][j]} is drawn at x = j and y = i (both counted from 0, as the array is); a colour scale
     * beside the map gives the values, from dark purple (minimum) through teal to yellow (maximum), the viridis
     * palette.
     *
     * @param title  the chart title
     * @param values a rectangular matrix, at least 1 × 1, all finite
     * @param xLabel what the columns are, e.g. "time step t"
     * @param yLabel what the rows are, e.g. "hidden unit"
     * @return the chart image at the default size
     */
    public static BufferedImage heatmap(String title, double[][] values, String xLabel, String yLabel) {
        String name = "Charts.heatmap";
        requireText(name, title, xLabel, yLabel);
        check(name, title, values != null && values.length > 0 && values[0] != null && values[0].length > 0,
                "values are empty");
        int columns = values[0].length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            check(name, title, values[i] != null && values[i].length == columns, "row " + i + " has "
                    + (values[i] == null ? "no array" : values[i].length + " values") + " but row 0 has " + columns);
            requireFinite(name, title, "row " + i, values[i]);
            for (int j = 0; j < columns; j++) {
                cells.add(new Number[] {j, i, values[i][j]});
                min = Math.min(min, values[i][j]);
                max = Math.max(max, values[i][j]);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(defaultWidth).height(defaultHeight).build();
        chart.addSeries(title, indices(columns), indices(values.length), cells);
        // The colour scale prints its ends as raw doubles, so round them outwards to two significant digits.
        double low = round(min, RoundingMode.FLOOR);
        double high = max > min ? round(max, RoundingMode.CEILING) : low + 1;
        chart.getStyler().setMin(low).setMax(high)
                .setRangeColors(new Color[] {new Color(0x440154), new Color(0x21918C), new Color(0xFDE725)})
                .setXAxisMaxLabelCount(defaultWidth / 40);
        style(chart, title, xLabel, yLabel, true).getStyler().setPlotGridLinesVisible(false);
        return render(chart);
    }

    /**
     * A bar chart comparing one number across categories, e.g. the parameter count or accuracy of each model.
     *
     * @param title  the chart title
     * @param xLabel what the categories are, e.g. "model"
     * @param yLabel what the numbers are, with units, e.g. "test accuracy (%)"
     * @param values the number per category, drawn in the map's iteration order (use a {@link LinkedHashMap})
     * @return the chart image at the default size
     */
    public static BufferedImage bar(String title, String xLabel, String yLabel, Map<String, ? extends Number> values) {
        String name = "Charts.bar";
        requireText(name, title, xLabel, yLabel);
        check(name, title, values != null && !values.isEmpty(), "no categories");
        values.forEach((category, value) -> check(name, title, value != null && Double.isFinite(value.doubleValue()),
                "category '" + category + "' has value " + value));
        CategoryChart chart = new CategoryChart(defaultWidth, defaultHeight);
        chart.addSeries(yLabel, new ArrayList<>(values.keySet()), new ArrayList<Number>(values.values()));
        return render(style(chart, title, xLabel, yLabel, false));
    }

    /**
     * A line chart under construction: a title, axis labels, named series, an optional log y axis and a size.
     * Each series is checked as it is added, so an error points at the call that caused it.
     */
    public static final class XY {

        private final String name;
        private final String title;
        private String xLabel = "x";
        private String yLabel = "y";
        private boolean logY;
        private double xFrom = 0;
        private int width = defaultWidth;
        private int height = defaultHeight;
        private final Map<String, double[][]> series = new LinkedHashMap<>();

        private XY(String name, String title) {
            this.name = name;
            this.title = title;
            requireText(name, title);
        }

        /**
         * @param label the x axis label, with units if there are any
         * @return this builder
         */
        public XY xLabel(String label) {
            requireText(name, title, label);
            this.xLabel = label;
            return this;
        }

        /**
         * @param label the y axis label, with units if there are any
         * @return this builder
         */
        public XY yLabel(String label) {
            requireText(name, title, label);
            this.yLabel = label;
            return this;
        }

        /** @return this builder, with a logarithmic y axis (every y value must then be &gt; 0) */
        public XY logY() {
            return logY(true);
        }

        /**
         * @param logarithmic whether the y axis is logarithmic (every y value must then be &gt; 0)
         * @return this builder
         */
        public XY logY(boolean logarithmic) {
            this.logY = logarithmic;
            series.forEach((label, xy) -> requirePositive(label, xy[1]));
            return this;
        }

        /**
         * @param width  pixels, ≥ 100
         * @param height pixels, ≥ 100
         * @return this builder
         */
        public XY size(int width, int height) {
            requireSize(name + " \"" + title + "\"", width, height);
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Where series given without x values start: they are plotted at x = first, first + 1, …, first + n − 1.
         * Applies to every such series, whenever it was added.
         *
         * @param first the x of the first value; 0 unless set (array indices, time steps t = 0 … T−1)
         * @return this builder
         */
        public XY xFrom(double first) {
            require(Double.isFinite(first), "xFrom must be finite, got " + first);
            this.xFrom = first;
            return this;
        }

        /**
         * Adds a series plotted at x = 0, 1, …, n − 1, or from {@link #xFrom} if set.
         *
         * @param label the series name shown in the legend; unique within the chart
         * @param y     the values
         * @return this builder
         */
        public XY series(String label, double[] y) {
            return add(label, null, y);
        }

        /**
         * Adds a series of points (x_i, y_i).
         *
         * @param label the series name shown in the legend; unique within the chart
         * @param x     the x values
         * @param y     the y values, as many as x
         * @return this builder
         */
        public XY series(String label, double[] x, double[] y) {
            require(x != null, "series '" + label + "' has no x array");
            return add(label, x, y);
        }

        /**
         * Adds several series, each plotted at x = 0, 1, …, n − 1 (or from {@link #xFrom}), in the map's iteration
         * order.
         *
         * @param curves the values by series name
         * @return this builder
         */
        public XY series(Map<String, double[]> curves) {
            require(curves != null && !curves.isEmpty(), "no series");
            curves.forEach(this::series);
            return this;
        }

        /**
         * Draws the chart.
         *
         * @return the image, {@code width × height} pixels
         * @throws IllegalArgumentException if no series was added
         */
        public BufferedImage image() {
            return render(chart());
        }

        /** The XChart chart that {@link #image()} draws. */
        XYChart chart() {
            require(!series.isEmpty(), "no series");
            XYChart chart = new XYChart(width, height);
            series.forEach((label, xy) -> chart.addSeries(label, xy[0] != null ? xy[0]
                            : IntStream.range(0, xy[1].length).mapToDouble(i -> xFrom + i).toArray(), xy[1])
                    .setMarker(xy[1].length <= 25 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE));
            chart.getStyler().setYAxisLogarithmic(logY).setMarkerSize(5);
            if (logY) {
                chart.getStyler().setYAxisDecimalPattern("0.#E0"); // 1E-4 … 1E0 rather than a mix of styles
            }
            if (wholeNumbersOnX()) {
                chart.getStyler().setXAxisDecimalPattern("#.##"); // years and steps: 1700, not 1,700
            }
            return style(chart, title, xLabel, yLabel, series.size() > 1);
        }

        /** Whether every x is a whole number: steps, epochs, years. */
        private boolean wholeNumbersOnX() {
            return series.values().stream().allMatch(xy -> xy[0] == null ? xFrom == Math.rint(xFrom)
                    : Arrays.stream(xy[0]).allMatch(x -> x == Math.rint(x)));
        }

        private XY add(String label, double[] x, double[] y) {
            require(label != null && !label.isBlank(), "a series needs a name");
            require(!series.containsKey(label), "two series are called '" + label + "'");
            require(y != null, "series '" + label + "' has no array");
            require(y.length > 0, "series '" + label + "' is empty");
            require(x == null || x.length == y.length, "series '" + label + "' has " + (x == null ? 0 : x.length)
                    + " x values but " + y.length + " y values");
            if (x != null) {
                requireFinite(name, title, "series '" + label + "' x", x);
            }
            requireFinite(name, title, "series '" + label + "'", y);
            if (logY) {
                requirePositive(label, y);
            }
            series.put(label, new double[][] {x == null ? null : x.clone(), y.clone()});
            return this;
        }

        void require(boolean condition, String problem) {
            check(name, title, condition, problem);
        }

        private void requirePositive(String label, double[] y) {
            for (int i = 0; i < y.length; i++) {
                require(y[i] > 0, "series '" + label + "' has " + y[i] + " at index " + i
                        + ", but a logarithmic axis needs values > 0");
            }
        }

        /** @return for example {@code Charts.xy "Loss" [epoch → loss; series train (20 points)]} */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(name + " \"" + title + "\" [" + xLabel + " → " + yLabel
                    + (logY ? " (log)" : "") + ", " + width + "×" + height + "; series");
            series.forEach((label, xy) -> s.append(' ').append(label).append(" (").append(xy[1].length)
                    .append(" points)"));
            return s.append(series.isEmpty() ? " none yet]" : "]").toString();
        }
    }

    /** The one place the house style is set: white, light grid, titled, labelled, legend only when needed. */
    private static <C extends Chart<? extends AxesChartStyler, ?>> C style(C chart, String title, String xLabel,
            String yLabel, boolean legend) {
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        AxesChartStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.LIGHT_GRAY);
        styler.setPlotGridLinesColor(new Color(0xE5E5E5));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendVisible(legend);
        if (!(chart instanceof HeatMapChart)) { // a heat map's legend is its colour scale, beside the plot
            styler.setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
        }
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT); // the same decimal point on every machine
        return chart;
    }

    private static BufferedImage render(Chart<?, ?> chart) {
        StringBuilder text = new StringBuilder().append(chart.getTitle()).append(chart.getXAxisTitle())
                .append(chart.getYAxisTitle());
        chart.getSeriesMap().forEach((name, series) -> {
            text.append(name);
            if (series instanceof CategorySeries bars) {
                bars.getXData().forEach(text::append);
            }
        });
        ChartFonts.useFontsFor(chart.getStyler(), text.toString());
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static double round(double value, RoundingMode direction) {
        return new BigDecimal(value).round(new MathContext(2, direction)).doubleValue();
    }

    private static List<Integer> indices(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static void check(String name, String title, boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(name + " \"" + title + "\": " + problem);
        }
    }

    private static void requireText(String name, String title, String... axisLabels) {
        check(name, title, title != null && !title.isBlank(), "every chart needs a title");
        for (String label : axisLabels) {
            check(name, title, label != null && !label.isBlank(), "every axis needs a label");
        }
    }

    private static void requireFinite(String name, String title, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            check(name, title, Double.isFinite(values[i]), what + " has " + values[i] + " at index " + i);
        }
    }

    private static void requireSize(String name, int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException(name + ": a chart must be at least 100×100 pixels, got " + width + "×"
                    + height);
        }
    }
}
