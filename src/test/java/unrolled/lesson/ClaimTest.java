package unrolled.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A claim that holds prints one ✓ line; one that does not throws, naming the claim and the measured value. */
class ClaimTest {

    private static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aClaimThatHoldsPrintsTheMeasuredValue() {
        assertEquals("✓ the LSTM remembers: 0.998 (≥ 0.9)\n",
                printed(() -> Claim.atLeast("the LSTM remembers", 0.998, 0.9)));
        assertEquals("✓ GRU beats LSTM: 1.5 < 2.25\n", printed(() -> Claim.less("GRU beats LSTM", 1.5, 2.25)));
    }

    @Test
    void aClaimThatFailsNamesTheClaimAndTheValue() {
        ClaimFailed e = assertThrows(ClaimFailed.class, () -> Claim.atLeast("the LSTM remembers", 0.231, 0.9));
        assertEquals("The lesson claims: the LSTM remembers — but measured 0.231 (≥ 0.9)", e.getMessage());
        assertThrows(ClaimFailed.class, () -> Claim.between("of order one", 0.00246, 0.1, 10));
        assertThrows(ClaimFailed.class, () -> Claim.close("equal", Double.NaN, 1, 1e-9));
        assertThrows(ClaimFailed.class, () -> Claim.close("equal", new double[] {1, Double.NaN}, new double[] {1, 2}, 1));
        assertThrows(ClaimFailed.class, () -> Claim.close("equal", new double[] {1}, new double[] {1, 2}, 1));
        assertThrows(ClaimFailed.class, () -> Claim.equal("same", "a", "b"));
    }

    @Test
    void numbersPrintWithFourSignificantDigits() {
        assertEquals("0.00246", Claim.format(0.00246));
        assertEquals("3.000e+299", Claim.format(3e299));
        assertEquals("1", Claim.format(1.0));
        assertEquals("1.235", Claim.format(1.23456));
        assertEquals("NaN", Claim.format(Double.NaN));
    }

    @Test
    void timingsAreMarkedAndMaskedExactly() {
        assertEquals("⏱ 1.2 s", Timing.format(1.23));
        assertEquals("⏱ 45.6 ms", Timing.format(0.0456));
        assertEquals("⏱ 789 µs", Timing.format(0.000789));
        assertEquals("epoch 3/5  loss 0.1234  ⏱ …", Timing.mask("epoch 3/5  loss 0.1234  ⏱ 12.3 s"));
        assertEquals("LSTM ⏱ … vs GRU ⏱ …; 12.3 s", Timing.mask("LSTM ⏱ 1.29 ms vs GRU ⏱ 950 µs; 12.3 s"));
    }

    @Test
    void aSpreadSummarisesSeeds() {
        Spread s = Spread.over("demo", 1, 5, seed -> seed * 0.25);
        assertEquals(0.75, s.median());
        assertEquals(0.25, s.min());
        assertEquals(1.25, s.max());
        assertEquals("3/5", s.fraction(v -> v >= 0.7));
        assertTrue(s.toString().contains("median 0.75  range [0.25, 1.25]  seeds 1–5: 0.25 0.5 0.75 1 1.25"),
                s.toString());
        assertThrows(IllegalArgumentException.class, () -> Spread.over("none", 1, 0, seed -> 0));
    }
}
