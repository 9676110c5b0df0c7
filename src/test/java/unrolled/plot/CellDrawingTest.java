package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.ElmanCell;
import unrolled.nn.GRUCell;
import unrolled.nn.LSTMCell;

class CellDrawingTest {

    private static final List<Node> XS = List.of(Node.constant("x", Tensors.row(0.8, 1, 0)),
            Node.constant("x", Tensors.row(-0.5, 0, 0)), Node.constant("x", Tensors.row(0.3, 0, 1)));

    private static CellRun lstmRun() {
        return CellRun.lstm(LSTMCell.random(3, 2, new Random(0)), XS);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static long pixelsDiffering(BufferedImage a, BufferedImage b) {
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    private static double nonWhiteFraction(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        return n / (double) (image.getWidth() * image.getHeight());
    }

    @Test
    void aFrameHasTheSchematicsSizeAndIsNotBlank() {
        CellSchematic lstm = CellSchematics.lstm(3, 2);
        BufferedImage image = CellDrawing.frame(lstm, lstmRun(), 0, 4);
        assertEquals(760, image.getWidth());
        assertEquals(480, image.getHeight());
        assertTrue(nonWhiteFraction(image) > 0.05, "fraction drawn " + nonWhiteFraction(image));
    }

    @Test
    void highlightingAnotherGateChangesPixels() {
        CellSchematic lstm = CellSchematics.lstm(3, 2);
        CellRun run = lstmRun();
        BufferedImage forget = CellDrawing.highlight(lstm, run, 1, "f");
        BufferedImage output = CellDrawing.highlight(lstm, run, 1, "o");
        assertTrue(pixelsDiffering(forget, output) > 500, "pixels differing " + pixelsDiffering(forget, output));
    }

    @Test
    void sameInputSameBytes() throws IOException {
        CellSchematic gru = CellSchematics.gru(3, 2);
        CellRun run = CellRun.gru(GRUCell.random(3, 2, new Random(1)), XS);
        assertArrayEquals(png(CellDrawing.highlight(gru, run, 2, "z")),
                png(CellDrawing.highlight(gru, CellRun.gru(GRUCell.random(3, 2, new Random(1)), XS), 2, "z")));
        byte[] gif = Gif.encode(CellDrawing.frames(gru, run), 900);
        assertArrayEquals(gif, Gif.encode(CellDrawing.frames(gru, run), 900));
        assertEquals("GIF89a", new String(gif, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void otherValuesOtherPixels() {
        CellSchematic rnn = CellSchematics.rnn(3, 2);
        BufferedImage a = CellDrawing.frame(rnn, CellRun.rnn(ElmanCell.random(3, 2, new Random(1)), XS), 2, 2);
        BufferedImage b = CellDrawing.frame(rnn, CellRun.rnn(ElmanCell.random(3, 2, new Random(2)), XS), 2, 2);
        assertTrue(pixelsDiffering(a, b) > 100);
    }

    @Test
    void framesAreOnePerStagePerStep() {
        CellSchematic rnn = CellSchematics.rnn(3, 2);
        assertEquals(3 * 3, CellDrawing.frames(rnn, CellRun.rnn(ElmanCell.random(3, 2, new Random(1)), XS)).size());
    }

    @Test
    void widerCellsStretchTheLayoutSideways() {
        CellSchematic lstm = CellSchematics.lstm(3, 4);
        List<Node> xs = List.of(Node.constant("x", Tensors.row(0.5, -1, 2)));
        BufferedImage image = CellDrawing.highlight(lstm, CellRun.lstm(LSTMCell.random(3, 4, new Random(1)), xs), 0, "c");
        assertEquals(1520, image.getWidth());
        for (CellSchematic.Element a : lstm.elements()) {                 // no two elements of a row overlap
            for (CellSchematic.Element b : lstm.elements()) {
                if (a != b && a.y() == b.y()) {
                    assertFalse(a.left() < b.right() && b.left() < a.right(), a.name() + " overlaps " + b.name());
                }
            }
        }
    }

    @Test
    void aRunWhoseSizesDoNotMatchTheSchematicIsRefused() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> CellDrawing.frame(CellSchematics.lstm(3, 4), lstmRun(), 0, 0)).getMessage();
        assertTrue(m.contains("has 4 numbers in the schematic, the run has 2"), m);
    }
}
