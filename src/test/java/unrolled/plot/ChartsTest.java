package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChartsTest {

    private static final double[] LOSS = {1.0, 0.6, 0.4, 0.3};

    private static void assertSize(int width, int height, BufferedImage image) {
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    /** Asserts the call fails with a message that names the chart and contains every fragment. */
    private static void assertRejected(String chart, Executable call, String... fragments) {
        String m = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(m.startsWith(chart), m);
        for (String fragment : fragments) {
            assertTrue(m.contains(fragment), "expected '" + fragment + "' in: " + m);
        }
    }

    @Test
    void everyFactoryDrawsAtTheDefaultSize() {
        Map<String, double[]> norms = new LinkedHashMap<>();
        norms.put("RNN", new double[] {1e-6, 1e-4, 1e-2, 1});
        norms.put("LSTM", new double[] {0.3, 0.5, 0.7, 1});
        Map<String, Number> parameters = new LinkedHashMap<>();
        parameters.put("RNN", 4353);
        parameters.put("LSTM", 17412);
        List<BufferedImage> images = List.of(
                Charts.lossCurve("loss", LOSS, new double[] {1.1, 0.7, 0.5, 0.45}),
                Charts.lossCurve("train only", LOSS, null),
                Charts.lossCurves("models", Map.of("RNN", LOSS, "GRU", new double[] {0.9, 0.5})),
                Charts.predictionVsActual("sunspots", new double[] {5, 11, 16}, new double[] {6, 10, 15},
                        "sunspot number"),
                Charts.gradientNormOverTime("vanishing", norms),
                Charts.heatmap("gates", new double[][] {{0.1, 0.9, 0.5}, {0.2, 0.3, 0.4}}, "time step t", "unit"),
                Charts.heatmap("constant", new double[][] {{0.5}}, "time step t", "unit"),
                Charts.line("σ", "w", "σ(w)", new double[] {-1, 0, 1}, new double[] {0.27, 0.5, 0.73}),
                Charts.line("decay", "t", "ρ^t", new double[] {0, 1, 2}, new double[] {1, 0.1, 0.01}, true),
                Charts.bar("parameters", "model", "parameters", parameters));
        images.forEach(image -> assertSize(640, 400, image));
    }

    @Test
    void sizesAreConfigurable() {
        assertSize(800, 500, Charts.xy("w → output").xLabel("w").yLabel("output").series("f", LOSS)
                .size(800, 500).image());
        try {
            Charts.setDefaultSize(320, 200);
            assertSize(320, 200, Charts.lossCurve("small", LOSS, null));
            assertSize(320, 200, Charts.heatmap("small", new double[][] {{1, 2}}, "x", "y"));
        } finally {
            Charts.setDefaultSize(640, 400);
        }
        assertRejected("Charts.setDefaultSize", () -> Charts.setDefaultSize(10, 400), "10×400");
    }

    @Test
    void wholeNumbersOnTheXAxisAreWrittenWithoutGrouping() {
        double[] years = {1700, 1750, 1800};
        double[] y = {5, 80, 14};
        assertEquals("#.##", Charts.xy("years").series("sunspots", years, y).chart().getStyler()
                .getXAxisDecimalPattern(), "1700, not 1,700");
        assertEquals("#.##", Charts.xy("steps").series("loss", y).chart().getStyler().getXAxisDecimalPattern());
        assertNull(Charts.xy("rates").series("loss", new double[] {1e-3, 1e-2, 0.1}, y).chart().getStyler()
                .getXAxisDecimalPattern(), "fractions keep XChart's own format");
        assertNull(Charts.xy("shifted").xFrom(0.5).series("loss", y).chart().getStyler().getXAxisDecimalPattern());
    }

    @Test
    void builderToStringDescribesTheChart() {
        String s = Charts.xy("Loss").xLabel("epoch").yLabel("loss").series("train", LOSS).toString();
        assertTrue(s.contains("\"Loss\"") && s.contains("epoch → loss") && s.contains("train (4 points)"), s);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertRejected("Charts.lossCurve \"loss\"", () -> Charts.lossCurve("loss", LOSS, new double[] {1, 2}),
                "validation loss has 2 values but train loss has 4");
        assertRejected("Charts.predictionVsActual", () -> Charts.predictionVsActual("p", new double[] {1, 2},
                new double[] {1}), "actual has 2 values but predicted has 1");
        assertRejected("Charts.line", () -> Charts.line("l", "x", "y", new double[] {1, 2}, new double[] {1}),
                "2 x values but 1 y values");
        assertRejected("Charts.heatmap", () -> Charts.heatmap("h", new double[][] {{1, 2}, {3}}, "x", "y"),
                "row 1 has 1 values but row 0 has 2");
    }

    @Test
    void emptyInputIsRejected() {
        assertRejected("Charts.lossCurve", () -> Charts.lossCurve("loss", new double[0], null), "'train' is empty");
        assertRejected("Charts.lossCurves", () -> Charts.lossCurves("loss", Map.of()), "no series");
        assertRejected("Charts.heatmap", () -> Charts.heatmap("h", new double[0][], "x", "y"), "empty");
        assertRejected("Charts.bar", () -> Charts.bar("b", "model", "n", Map.of()), "no categories");
        assertRejected("Charts.xy", () -> Charts.xy("nothing").image(), "no series");
    }

    @Test
    void nanAndInfinityAreRejectedWithTheirPosition() {
        assertRejected("Charts.lossCurve", () -> Charts.lossCurve("loss", new double[] {1, Double.NaN}, null),
                "series 'train' has NaN at index 1");
        assertRejected("Charts.heatmap", () -> Charts.heatmap("h", new double[][] {{1, 2}, {3,
                Double.POSITIVE_INFINITY}}, "x", "y"), "row 1 has Infinity at index 1");
        assertRejected("Charts.bar", () -> Charts.bar("b", "model", "n", Map.of("RNN", Double.NaN)),
                "category 'RNN' has value NaN");
    }

    @Test
    void logAxesNeedPositiveValues() {
        assertRejected("Charts.gradientNormOverTime", () -> Charts.gradientNormOverTime("g",
                Map.of("RNN", new double[] {1, 0.1, 0})), "'RNN' has 0.0 at index 2", "logarithmic axis");
        assertRejected("Charts.xy", () -> Charts.xy("t").series("s", new double[] {1, -1}).logY(), "index 1");
    }

    @Test
    void titlesLabelsAndSeriesNamesAreRequired() {
        assertRejected("Charts.lossCurve", () -> Charts.lossCurve(" ", LOSS, null), "needs a title");
        assertRejected("Charts.bar", () -> Charts.bar("b", "", "n", Map.of("a", 1)), "needs a label");
        assertRejected("Charts.xy", () -> Charts.xy("t").series("a", LOSS).series("a", LOSS), "two series");
    }
}
