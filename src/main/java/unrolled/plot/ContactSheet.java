package unrolled.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Small pictures laid out in a grid, each enlarged by an integer factor with its caption underneath, like a
 * photographer's contact sheet. Picture i sits in row ⌊i / perRow⌋ and column i mod perRow; a caption that ends
 * with ✗ (a wrong answer) is written in red.
 */
public final class ContactSheet {

    private ContactSheet() {}

    /** The pictures (all the same size), scaled by {@code scale}, {@code perRow} to a row, captions below. */
    public static BufferedImage of(List<BufferedImage> pictures, List<String> captions, int scale, int perRow) {
        if (pictures.size() != captions.size()) {
            throw new IllegalArgumentException("ContactSheet: " + pictures.size() + " pictures but "
                    + captions.size() + " captions");
        }
        int w = pictures.get(0).getWidth() * scale, h = pictures.get(0).getHeight() * scale;
        int cell = w + 24, rows = (pictures.size() + perRow - 1) / perRow;
        BufferedImage sheet = new BufferedImage(perRow * (cell + 6), rows * (h + 46), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < pictures.size(); i++) {
            int x = (i % perRow) * (cell + 6) + 12, y = (i / perRow) * (h + 46) + 6;
            g.drawImage(pictures.get(i), x, y, w, h, null);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x, y, w, h);
            g.setColor(captions.get(i).endsWith("✗") ? Color.RED : Color.DARK_GRAY);
            g.drawString(captions.get(i), x, y + h + 15);
        }
        g.dispose();
        return sheet;
    }
}
