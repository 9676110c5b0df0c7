package unrolled.plot;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Fonts that can draw a chart's text, Chinese included, so that no glyph is drawn as a box.
 *
 * <p>A font can draw a text when {@link Font#canDisplayUpTo(String)} is −1. XChart's default font draws Latin text;
 * for anything else the first installed font of {@link #CJK_FAMILIES} that draws the whole text is used, then any
 * installed font that does. {@link #chineseOr} picks a chart label: the Chinese one where some font can draw it,
 * otherwise the English one, with one line saying so the first time.
 */
public final class ChartFonts {

    /** Fonts with Chinese glyphs, most preferred first: Noto/Source Han, WenQuanYi, then the usual desktop ones. */
    public static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
            "SimHei", "Droid Sans Fallback", "AR PL UMing CN");

    private static final AtomicBoolean FALLBACK_NOTED = new AtomicBoolean();
    private static volatile List<String> installed;

    private ChartFonts() {}

    /**
     * @return the family of a font that can draw every character of {@code text}: {@code base}'s own family when it
     *     can, else a Chinese font, else any installed font that can; empty when none can
     */
    public static Optional<String> familyFor(String text, Font base) {
        if (base.canDisplayUpTo(text) == -1) {
            return Optional.of(base.getFamily());
        }
        List<String> candidates = new ArrayList<>();
        for (String family : CJK_FAMILIES) {
            if (installedFamilies().contains(family)) {
                candidates.add(family);
            }
        }
        candidates.addAll(installedFamilies());
        for (String family : candidates) {
            if (new Font(family, base.getStyle(), base.getSize()).canDisplayUpTo(text) == -1) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /**
     * A chart label in Chinese where a font can draw it; otherwise the English label, and the first time one line on
     * standard error saying that chart labels fall back to English and how to install a Chinese font.
     */
    public static String chineseOr(String chinese, String english) {
        if (familyFor(chinese, new Font(Font.SANS_SERIF, Font.PLAIN, 12)).isPresent()) {
            return chinese;
        }
        if (!FALLBACK_NOTED.getAndSet(true)) {
            System.err.println("Charts: no installed font can draw Chinese, so chart labels are in English "
                    + "(install one, e.g. Debian/Ubuntu fonts-noto-cjk or fonts-wqy-microhei)");
        }
        return english;
    }

    /**
     * Sets every font of {@code styler} to a family that can draw {@code text} (titles, axis labels, legend), keeping
     * each font's size and style; leaves the fonts alone when the default already draws it or nothing can.
     */
    static void useFontsFor(Styler styler, String text) {
        Font base = styler.getChartTitleFont();
        Optional<String> family = familyFor(text, base);
        if (family.isEmpty() || family.get().equals(base.getFamily())) {
            return;
        }
        String f = family.get();
        styler.setChartTitleFont(same(styler.getChartTitleFont(), f));
        styler.setLegendFont(same(styler.getLegendFont(), f));
        styler.setAnnotationTextFont(same(styler.getAnnotationTextFont(), f));
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(same(axes.getAxisTitleFont(), f));
            axes.setAxisTickLabelsFont(same(axes.getAxisTickLabelsFont(), f));
        }
    }

    private static Font same(Font font, String family) {
        return new Font(family, font.getStyle(), font.getSize());
    }

    private static List<String> installedFamilies() {
        if (installed == null) {
            installed = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        }
        return installed;
    }
}
