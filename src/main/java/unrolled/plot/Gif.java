package unrolled.plot;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames encoded as a looping animated GIF, in memory. A GIF frame has at most 256 colours; the encoder of the
 * animated-gif-lib jar (which XChart brings along) picks them anew for every frame with a small neural-net quantiser
 * (NeuQuant), which is slow and loses colours that are rare in one frame. Drawings such as {@link CellDrawing}'s use
 * few colours, so here all frames share one palette — the 256 colours most common across the whole animation — and
 * each pixel gets the nearest of them. Same frames, same bytes.
 */
public final class Gif {

    private Gif() {}

    /**
     * @param frames  the frames, all of the same size
     * @param delayMs time per frame in milliseconds
     * @return the bytes of a GIF that loops forever
     */
    public static byte[] encode(List<BufferedImage> frames, int delayMs) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("Gif.encode: no frames");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnimatedGifEncoder encoder = new PaletteEncoder(commonColours(frames));
        encoder.start(bytes);
        encoder.setRepeat(0);          // loop forever
        encoder.setDelay(delayMs);     // per frame
        for (BufferedImage f : frames) {
            encoder.addFrame(f);
        }
        encoder.finish();
        return bytes.toByteArray();
    }

    /** The 256 most common colours of the frames as 0xRRGGBB (every second pixel counted; ties by colour). */
    static int[] commonColours(List<BufferedImage> frames) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (BufferedImage f : frames) {
            for (int y = 0; y < f.getHeight(); y += 2) {
                for (int x = 0; x < f.getWidth(); x += 2) {
                    counts.merge(f.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(256).mapToInt(Map.Entry::getKey).toArray();
    }

    /** An AnimatedGifEncoder with one fixed palette for all frames instead of NeuQuant's per-frame choice. */
    private static final class PaletteEncoder extends AnimatedGifEncoder {
        private final int[] palette;
        private final Map<Integer, Integer> nearest = new HashMap<>();

        PaletteEncoder(int[] palette) {
            this.palette = palette;
        }

        @Override
        protected void analyzePixels() {                       // pixels: B, G, R bytes of the current frame
            colorTab = new byte[3 * 256];
            for (int k = 0; k < palette.length; k++) {
                colorTab[3 * k] = (byte) (palette[k] >> 16);
                colorTab[3 * k + 1] = (byte) (palette[k] >> 8);
                colorTab[3 * k + 2] = (byte) palette[k];
            }
            indexedPixels = new byte[pixels.length / 3];
            for (int i = 0; i < indexedPixels.length; i++) {
                int rgb = (pixels[3 * i + 2] & 255) << 16 | (pixels[3 * i + 1] & 255) << 8 | (pixels[3 * i] & 255);
                int index = nearest.computeIfAbsent(rgb, this::closest);
                usedEntry[index] = true;
                indexedPixels[i] = (byte) index;
            }
            pixels = null;
            colorDepth = 8;
            palSize = 7;                                       // 2^(7+1) = 256 entries
        }

        private int closest(int rgb) {
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            for (int k = 0; k < palette.length; k++) {
                long dr = (rgb >> 16 & 255) - (palette[k] >> 16 & 255), dg = (rgb >> 8 & 255) - (palette[k] >> 8 & 255);
                long db = (rgb & 255) - (palette[k] & 255);
                long distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;    // a rough perceptual weighting
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = k;
                }
            }
            return best;
        }
    }
}
