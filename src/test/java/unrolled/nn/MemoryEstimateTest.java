package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** A sequence too large for the heap fails before allocating, with a message that says what to change. */
class MemoryEstimateTest {

    private static void assertAdvice(String message, String... parts) {
        for (String part : List.of("needs at least", "of heap for its forward pass", "is free",
                "truncated BPTT", "a smaller batch", "UNROLLED_KERNEL_HEAP=2g")) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void anAbsurdSizeIsRefusedWithAdvice() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MemoryEstimate.require("LSTM", 1_000_000, 100_000, 1024, 7 * 1024));
        System.out.println(e.getMessage());
        assertAdvice(e.getMessage(), "LSTM: a sequence of 1000000 steps × batch 100000 × hidden 1024 needs at least 5.7 PB");
    }

    @Test
    void aSizeThatFitsPasses() {
        assertDoesNotThrow(() -> MemoryEstimate.require("LSTM", 100, 32, 64, 7 * 64));
    }

    /** 200 000 steps of one 10 000-row input (the same node every step, so the test itself needs no memory). */
    private static List<Node> hugeSequence(int width) {
        return Collections.nCopies(200_000, Node.constant("x", Tensors.zeros(10_000, width)));
    }

    @Test
    void theUnrolledLayerChecksBeforeItStarts() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Recurrent.lstm(1, 64).fused(false).seed(1).build().forward(hugeSequence(1)));
        assertAdvice(e.getMessage(), "RecurrentLayer(LSTMCell): a sequence of 200000 steps × batch 10000 × hidden 64");
        e = assertThrows(IllegalStateException.class,
                () -> new RecurrentLayer(ElmanCell.random(1, 64, new java.util.Random(1))).forward(hugeSequence(1)));
        assertAdvice(e.getMessage(), "RecurrentLayer(ElmanCell): a sequence of 200000 steps");
    }

    @Test
    void theFusedLayerChecksBeforeItStacksTheInput() {
        for (Recurrent.Builder b : List.of(Recurrent.lstm(1, 64), Recurrent.gru(1, 64), Recurrent.rnn(1, 64))) {
            Recurrent model = b.fused(true).seed(1).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.forward(hugeSequence(1)));
            assertAdvice(e.getMessage(), " (fused): a sequence of 200000 steps × batch 10000 × hidden 64");
        }
    }

    @Test
    void sizesPrintInDecimalUnits() {
        assertTrue(MemoryEstimate.size(512).equals("512 bytes") && MemoryEstimate.size(1.5e9).equals("1.5 GB")
                && MemoryEstimate.size(3.2e8).equals("320 MB"), MemoryEstimate.size(1.5e9));
    }
}
