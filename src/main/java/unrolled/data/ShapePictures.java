package unrolled.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * A toy image-captioning data set and its stand-in for a CNN (notebook 12, 图像描述). {@link #picture} paints one
 * red, green or blue circle, square or triangle of random size and place on a 24 × 24 white canvas; {@link
 * #features} reads five fixed numbers from it. With ink(x, y) = 1 − (R + G + B)/765 (0 on white paper):
 * <pre>
 *   f₀, f₁, f₂ = Σ ink·R, Σ ink·G, Σ ink·B, divided by their sum    (the colour of the ink)
 *   f₃ = Σ ink / (max ink · area of the bounding box of ink > 0.1)    (how much of its box the shape fills)
 *   f₄ = 4 Σ |∂ₓink · ∂ᵧink| / Σ (|∂ₓink| + |∂ᵧink|)                 (how slanted the edges are)
 * </pre>
 */
public final class ShapePictures {

    /** The colour words, in the order of the colour index. */
    public static final List<String> COLOURS = List.of("red", "green", "blue");
    /** The shape words, in the order of the shape index. */
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    /** The side of a picture in pixels. */
    public static final int PIXELS = 24;

    private static final Color[] PAINT = {new Color(220, 40, 40), new Color(40, 170, 60), new Color(50, 80, 220)};

    private ShapePictures() {}

    /** A picture of one shape (0 circle, 1 square, 2 triangle) in one colour (0 red, 1 green, 2 blue). */
    public static BufferedImage picture(int colour, int shape, Random r) {
        BufferedImage image = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PIXELS, PIXELS);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int size = 10 + r.nextInt(9), x = 1 + r.nextInt(PIXELS - size - 1), y = 1 + r.nextInt(PIXELS - size - 1);
        g.setColor(PAINT[colour]);
        if (shape == 0) {
            g.fillOval(x, y, size, size);
        } else if (shape == 1) {
            g.fillRect(x, y, size, size);
        } else {
            g.fillPolygon(new int[] {x, x + size, x + size / 2}, new int[] {y + size, y + size, y}, 3);
        }
        g.dispose();
        return image;
    }

    /** The five features {colour r, g, b share, fill of the bounding box, slant of the edges} of a picture. */
    public static double[] features(BufferedImage image) {
        double[][] ink = new double[PIXELS][PIXELS];
        double[] f = new double[5];
        double inkSum = 0, darkest = 0;
        int left = PIXELS, right = -1, top = PIXELS, bottom = -1;
        for (int y = 0; y < PIXELS; y++) {
            for (int x = 0; x < PIXELS; x++) {
                Color c = new Color(image.getRGB(x, y));
                ink[y][x] = 1 - (c.getRed() + c.getGreen() + c.getBlue()) / 765.0;     // 0 on white paper
                f[0] += ink[y][x] * c.getRed();
                f[1] += ink[y][x] * c.getGreen();
                f[2] += ink[y][x] * c.getBlue();
                inkSum += ink[y][x];
                darkest = Math.max(darkest, ink[y][x]);
                if (ink[y][x] > 0.1) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        double rgb = f[0] + f[1] + f[2];
        for (int k = 0; k < 3; k++) {
            f[k] /= rgb;                                                                  // colour of the ink
        }
        f[3] = inkSum / (darkest * (right - left + 1) * (bottom - top + 1));             // fill of the bounding box
        double slanted = 0, edges = 0;
        for (int y = 0; y < PIXELS - 1; y++) {
            for (int x = 0; x < PIXELS - 1; x++) {
                double dx = ink[y][x + 1] - ink[y][x], dy = ink[y + 1][x] - ink[y][x];
                slanted += Math.abs(dx * dy);
                edges += Math.abs(dx) + Math.abs(dy);
            }
        }
        f[4] = 4 * slanted / edges;                                                       // slant of the edges
        return f;
    }
}
