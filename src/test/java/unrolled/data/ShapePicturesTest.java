package unrolled.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The toy pictures' features: the colour share names the paint, a square fills its box more than a triangle. */
class ShapePicturesTest {

    @Test
    void colourShareNamesThePaint() {
        for (int c = 0; c < 3; c++) {
            double[] f = ShapePictures.features(ShapePictures.picture(c, 1, new Random(c)));
            assertEquals(1, f[0] + f[1] + f[2], 1e-12);
            int largest = f[0] > f[1] && f[0] > f[2] ? 0 : f[1] > f[2] ? 1 : 2;
            assertEquals(c, largest);
        }
    }

    @Test
    void squaresFillTheirBoxAndTrianglesSlant() {
        double[] square = ShapePictures.features(ShapePictures.picture(0, 1, new Random(1)));
        double[] triangle = ShapePictures.features(ShapePictures.picture(0, 2, new Random(1)));
        assertTrue(square[3] > 0.9, "square fill " + square[3]);
        assertTrue(triangle[3] < square[3]);
        assertTrue(triangle[4] > square[4]);
    }
}
