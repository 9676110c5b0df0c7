package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The unrolled-network pictures: sizes grow with the steps and layers, and something is drawn on the canvas. */
class UnrolledNetworksTest {

    @Test
    void bidirectionalGrowsWithTheSteps() {
        BufferedImage three = UnrolledNetworks.bidirectional(3);
        assertEquals(140 * 3 + 360, three.getWidth());
        assertEquals(400, three.getHeight());
        assertEquals(140, UnrolledNetworks.bidirectional(4).getWidth() - three.getWidth());
        assertTrue(coloured(three) > 500);
    }

    @Test
    void deepHasOneRowPerLayer() {
        BufferedImage two = UnrolledNetworks.deep("t", 2, 3, false, true, false);
        BufferedImage three = UnrolledNetworks.deep("t", 3, 3, false, false, false);
        assertEquals(80, three.getHeight() - two.getHeight());
        assertTrue(coloured(two) > 500);
    }

    /** Pixels that are neither white nor grey. */
    private static int coloured(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 30) {
                    n++;
                }
            }
        }
        return n;
    }
}
