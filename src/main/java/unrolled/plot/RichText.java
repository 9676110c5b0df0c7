package unrolled.plot;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Text with TeX-like subscripts for Java2D: {@code "h_{t−1}"} draws h with the subscript t−1, {@code "x_t"} x with
 * the subscript t. A subscript is set in 72 % of the font size and a quarter of the size lower.
 */
public final class RichText {

    private RichText() {}

    /** Draws the text with its baseline at (x, y) in g's current font and colour; returns the width drawn. */
    public static int draw(Graphics2D g, String text, int x, int y) {
        Font base = g.getFont(), sub = base.deriveFont(base.getSize2D() * 0.72f);
        int cx = x;
        for (int i = 0; i < text.length(); i++) {
            String s = text.substring(i, i + 1);
            boolean subscript = s.equals("_") && i + 1 < text.length();
            if (subscript) {
                boolean braced = text.charAt(i + 1) == '{';
                int end = braced ? text.indexOf('}', i) : i + 1;
                if (end < 0) {
                    end = text.length() - 1;
                }
                s = braced ? text.substring(i + 2, end) : text.substring(i + 1, i + 2);
                i = end;
                g.setFont(sub);
            }
            g.drawString(s, cx, y + (subscript ? base.getSize() / 4 : 0));
            cx += g.getFontMetrics().stringWidth(s);
            g.setFont(base);
        }
        return cx - x;
    }

    /** The width the text would take in this font. */
    public static int width(Font font, String text) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setFont(font);
        int width = draw(scratch, text, 0, 0);
        scratch.dispose();
        return width;
    }
}
