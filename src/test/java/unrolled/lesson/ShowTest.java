package unrolled.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** The shared print and compare helpers: root-locale numbers, largest absolute difference, clear shape errors. */
class ShowTest {

    @Test
    void printfUsesTheRootLocaleWhateverTheDefault() {
        Locale old = Locale.getDefault();
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Locale.setDefault(Locale.GERMANY);
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            Show.printf("%.2f", 1.5);
        } finally {
            System.setOut(out);
            Locale.setDefault(old);
        }
        assertEquals("1.50", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void maxDiffIsTheLargestAbsoluteDifference() {
        DMatrixRMaj a = Tensors.matrix(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj b = Tensors.matrix(new double[][] {{1, 2.5}, {2, 4}});
        assertEquals(1.0, Show.maxDiff(a, b));
        assertEquals(1.0, Show.maxDiff(Node.constant("a", a), Node.constant("b", b)));
        assertEquals(1.0, Show.maxDiff(List.of(Node.constant("a", a)), List.of(Node.constant("b", b))));
        assertEquals(0.5, Show.maxDiff(new double[] {0, 1}, new double[] {0.5, 1}));
        assertEquals("[[1, 2.5], [2, 4]]", Show.f(b));
        assertEquals("0.333333", Show.f(1.0 / 3));
    }

    @Test
    void maxDiffNamesMismatchedShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Show.maxDiff(new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 2)));
        assertTrue(e.getMessage().contains("2x3 vs 3x2"), e.getMessage());
    }

    @Test
    void oneHotRowsAndARangeError() {
        assertEquals("[[0, 0, 1, 0], [1, 0, 0, 0]]", Tensors.format(Tensors.oneHot(4, 2, 0)));
        var e = assertThrows(IllegalArgumentException.class, () -> Tensors.oneHot(4, 4));
        assertTrue(e.getMessage().contains("id 4 in row 0 is outside 0..3"), e.getMessage());
    }
}
