package unrolled.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final String POEM = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n";

    @Test
    void chineseTextRoundTrips() {
        Vocabulary v = Vocabulary.of(POEM);
        assertEquals(POEM.codePoints().distinct().count(), v.size());
        assertEquals(POEM, v.decode(v.encode(POEM)));
        assertEquals("明月", v.decode(v.encode("明月")));
    }

    @Test
    void idsFollowCodePointOrderAndCountSupplementaryCharactersOnce() {
        String text = "b𠀀a"; // U+20000 is two Java chars but one character
        Vocabulary v = Vocabulary.of(text);
        assertEquals(3, v.size());
        assertArrayEquals(new int[] {1, 2, 0}, v.encode(text));
        assertEquals("𠀀", v.character(2));
        assertEquals(text, v.decode(v.encode(text)));
    }

    @Test
    void unknownCharacterIsAMismatchedVocabularyNamingCharacterAndPosition() {
        Vocabulary v = Vocabulary.of(POEM);
        String m = assertThrows(IllegalArgumentException.class, () -> v.encode("明月几时有")).getMessage();
        assertTrue(m.contains("mismatched vocabulary") && m.contains("'几'") && m.contains("position 2"), m);
    }

    @Test
    void badIdsAreNamed() {
        Vocabulary v = Vocabulary.of("ab");
        String m = assertThrows(IllegalArgumentException.class, () -> v.decode(0, 5)).getMessage();
        assertTrue(m.contains("id 5 at position 1") && m.contains("0 … 1"), m);
        assertThrows(IllegalArgumentException.class, () -> v.oneHot(-1));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(""));
    }

    @Test
    void oneHotHasOneRowPerIdAndASingleOne() {
        Vocabulary v = Vocabulary.of("abcd");
        DMatrixRMaj x = v.oneHot(2, 0, 2);
        assertEquals(3, x.numRows);
        assertEquals(4, x.numCols);
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += x.get(r, c);
            }
            assertEquals(1, sum);
        }
        assertEquals(1, x.get(0, 2));
        assertEquals(1, x.get(1, 0));
        assertEquals(1, x.get(2, 2));
    }

    @Test
    void softmaxWithTemperatureFollowsTheFormula() {
        double[] z = {1, 2, 3};
        double tau = 0.5;
        double denominator = Math.exp(1 / tau) + Math.exp(2 / tau) + Math.exp(3 / tau);
        double[] expected = {Math.exp(1 / tau) / denominator, Math.exp(2 / tau) / denominator,
                Math.exp(3 / tau) / denominator};
        assertArrayEquals(expected, Vocabulary.softmax(z, tau), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, Vocabulary.softmax(new double[] {1000, 1000}, 1), 1e-12);
    }

    @Test
    void veryLowTemperaturePicksTheArgmax() {
        Vocabulary v = Vocabulary.of("abcde");
        double[] logits = {0.1, 2.0, 1.99, -3, 0};
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, v.sampleIndex(logits, 1e-4, random));
        }
    }

    @Test
    void samplingFrequenciesAtTemperatureOneMatchTheSoftmax() {
        Vocabulary v = Vocabulary.of("abcd");
        double[] logits = {0.5, -1, 1.5, 0};
        double[] p = Vocabulary.softmax(logits, 1);
        int draws = 200_000;
        int[] counts = new int[4];
        Random random = new Random(42);
        for (int i = 0; i < draws; i++) {
            counts[v.sampleIndex(logits, 1, random)]++;
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(p[i], counts[i] / (double) draws, 0.005, "character " + i);
        }
    }

    @Test
    void temperatureMustBePositive() {
        Vocabulary v = Vocabulary.of("ab");
        for (double tau : new double[] {0, -1, Double.NaN}) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> v.sampleIndex(new double[] {1, 2}, tau, new Random(0))).getMessage();
            assertTrue(m.contains("temperature must be > 0"), m);
        }
        String m = assertThrows(IllegalArgumentException.class,
                () -> v.sampleIndex(new double[] {1, 2, 3}, 1, new Random(0))).getMessage();
        assertTrue(m.contains("expected 2 logits") && m.contains("got 3"), m);
    }

    @Test
    void toStringShowsSizeAndAPreview() {
        String s = Vocabulary.of("b a\n").toString();
        assertTrue(s.contains("4 characters") && s.contains("\\n") && s.contains("' '"), s);
    }

    @Test
    void tangPoemsShippedInNotebooksDataRoundTrip() throws IOException {
        String text = Files.readString(Path.of("notebooks/data/tang300.txt"));
        Vocabulary v = Vocabulary.of(text);
        assertTrue(v.size() > 2000, v.toString());
        assertEquals(text, v.decode(v.encode(text)));
        assertTrue(text.contains("床前明月光") && !text.contains("\u001b"));
    }
}
