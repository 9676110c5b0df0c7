package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/** Chinese chart text is drawn with a font that has its glyphs, or falls back to the English label. */
class ChartFontsTest {

    private static final String CHINESE = "训练损失与验证损失（梯度消失）";

    @Test
    void chineseTitlesGetAFontThatDrawsEveryCharacter() {
        assumeTrue(ChartFonts.familyFor(CHINESE, new Font(Font.SANS_SERIF, Font.PLAIN, 12)).isPresent(),
                "no font on this machine can draw Chinese");
        XYChart chart = new XYChart(300, 200);
        chart.setTitle(CHINESE);
        chart.setXAxisTitle("时间步 t");
        chart.addSeries("隐藏状态", new double[] {0, 1}, new double[] {1, 2});
        ChartFonts.useFontsFor(chart.getStyler(), CHINESE + "时间步 t隐藏状态");
        assertEquals(-1, chart.getStyler().getChartTitleFont().canDisplayUpTo(CHINESE));
        assertEquals(-1, chart.getStyler().getAxisTitleFont().canDisplayUpTo("时间步 t"));
        assertEquals(-1, chart.getStyler().getLegendFont().canDisplayUpTo("隐藏状态"));
        assertEquals(CHINESE, ChartFonts.chineseOr(CHINESE, "training and validation loss"));
    }

    @Test
    void latinTextKeepsTheDefaultFont() {
        XYChart chart = new XYChart(300, 200);
        Font before = chart.getStyler().getChartTitleFont();
        ChartFonts.useFontsFor(chart.getStyler(), "loss per epoch");
        assertEquals(before, chart.getStyler().getChartTitleFont());
    }

    @Test
    void textNoFontCanDrawFallsBackToTheEnglishLabel() {
        String privateUse = "\uE000\uE001"; // code points no font assigns a glyph to
        assumeTrue(ChartFonts.familyFor(privateUse, new Font(Font.SANS_SERIF, Font.PLAIN, 12)).isEmpty());
        assertEquals("loss", ChartFonts.chineseOr(privateUse, "loss"));
    }

    @Test
    void chartsRenderChineseBarCategoriesWithAFontThatDrawsThem() {
        assumeTrue(ChartFonts.familyFor(CHINESE, new Font(Font.SANS_SERIF, Font.PLAIN, 12)).isPresent());
        var image = Charts.bar("门的平均值", "门", "均值", Map.of("遗忘门", 0.8, "输入门", 0.3));
        assertTrue(image.getWidth() > 0);
        CategoryChart chart = new CategoryChart(300, 200);
        chart.addSeries("s", java.util.List.of("遗忘门"), java.util.List.of(1.0));
        ChartFonts.useFontsFor(chart.getStyler(), "遗忘门");
        assertEquals(-1, chart.getStyler().getAxisTickLabelsFont().canDisplayUpTo("遗忘门"));
    }
}
