package unrolled.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TracesTest {

    @Test
    void unitsByTimeTransposes() {
        double[][] byTime = {{1, 2, 3}, {4, 5, 6}};
        assertArrayEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, Traces.unitsByTime(byTime));
        assertThrows(IllegalArgumentException.class, () -> Traces.unitsByTime(new double[][] {{1, 2}, {3}}));
    }
}
