package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Wrong inputs fail early, with a message that names the layer and what was wrong. */
class BadInputTest {

    private static Node x(int batch, int width) {
        return Node.constant("x", Tensors.zeros(batch, width));
    }

    private static void assertMessage(Executable call, String... parts) {
        Exception e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "expected \"" + part + "\" in: " + e.getMessage());
        }
    }

    @Test
    void wrongInputWidthNamesTheCellAndBothWidths() {
        LSTMCell cell = LSTMCell.random(28, 8, new Random(1));
        assertMessage(() -> cell.step(x(2, 30), cell.initialState(2)), "LSTMCell: expected input of width 28, got 30");
        assertMessage(() -> new RecurrentLayer(cell).forward(List.of(x(2, 30))),
                "LSTMCell: expected input of width 28, got 30");
        PeepholeLSTMCell peephole = PeepholeLSTMCell.random(28, 8, new Random(1));
        assertMessage(() -> peephole.step(x(2, 30), peephole.initialState(2)),
                "PeepholeLSTMCell: expected input of width 28, got 30");
        GRUCell gru = GRUCell.random(28, 8, new Random(1));
        assertMessage(() -> gru.step(x(1, 30), gru.initialState(1)), "GRUCell: expected input of width 28, got 30");
        JordanCell jordan = JordanCell.random(28, 8, 2, new Random(1));
        assertMessage(() -> jordan.step(x(1, 30), jordan.initialState(1)),
                "JordanCell: expected input of width 28, got 30");
    }

    @Test
    void wrongInputWidthOfAModelNamesTheModel() {
        Recurrent lstm = Recurrent.lstm(28, 8).layers(2).seed(1).build();
        assertMessage(() -> lstm.forward(List.of(x(2, 30))), "LSTM: expected input of width 28, got 30");
        ManyToOne model = ManyToOne.of(Recurrent.gru(28, 8).seed(1).build(), 1, 1);
        assertMessage(() -> model.forward(List.of(x(2, 30))), "GRU: expected input of width 28, got 30");
    }

    @Test
    void anEmptySequenceIsRefused() {
        assertMessage(() -> new RecurrentLayer(ElmanCell.random(2, 3, new Random(1))).forward(List.of()),
                "RecurrentLayer: empty sequence");
        assertMessage(() -> Recurrent.rnn(2, 3).seed(1).build().forward(List.of()), "RNN: empty sequence");
        assertMessage(() -> ManyToMany.of(Recurrent.lstm(2, 3).seed(1).build(), 1, 1).forward(List.of()),
                "ManyToMany: empty sequence");
        assertMessage(() -> new EncoderDecoder(Recurrent.gru(2, 3).seed(1).build(),
                OneToMany.of(Recurrent.gru(1, 3).seed(2).build(), 1, OneToMany.Feedback.OUTPUT, 3))
                .forward(List.of(), 2), "EncoderDecoder: empty sequence");
    }

    @Test
    void aBatchSizeThatChangesMidSequenceIsRefused() {
        List<Node> xs = List.of(x(2, 3), x(2, 3), x(3, 3));
        String message = "time step 2 has a batch of 3 rows but time step 0 has 2";
        assertMessage(() -> new RecurrentLayer(LSTMCell.random(3, 4, new Random(1))).forward(xs),
                "RecurrentLayer: " + message);
        assertMessage(() -> Recurrent.lstm(3, 4).bidirectional(true).seed(1).build().forward(xs), "LSTM: " + message);
    }

    @Test
    void anInitialStateOfTheWrongBatchIsRefused() {
        ElmanCell cell = ElmanCell.random(3, 4, new Random(1));
        assertMessage(() -> new RecurrentLayer(cell).forward(List.of(x(2, 3)), cell.initialState(5)),
                "batch of 2 rows but the initial state has 5");
        Recurrent gru = Recurrent.gru(3, 4).layers(2).seed(1).build();
        assertMessage(() -> gru.forward(List.of(x(2, 3)), gru.initialStates(2).subList(0, 1)),
                "GRU: expected 2 initial states (2 layers × 1 directions), got 1");
    }

    @Test
    void aBatchOfZeroRowsIsRefusedBeforeTheMatrixLibrarySeesIt() {
        for (boolean fused : new boolean[] {false, true}) {
            assertMessage(() -> Recurrent.lstm(3, 4).fused(fused).seed(1).build().forward(List.of(x(0, 3))),
                    "LSTM: time step 0 has a batch of 0 rows (input x is 0×3); a batch needs at least one row");
            assertMessage(() -> Recurrent.gru(3, 4).fused(fused).seed(1).build().forward(List.of(x(0, 3), x(0, 3))),
                    "GRU: time step 0 has a batch of 0 rows");
        }
        GRUCell gru = GRUCell.random(3, 4, new Random(1));
        assertMessage(() -> gru.step(x(0, 3), gru.initialState(0)), "GRUCell: input x has a batch of 0 rows");
        LSTMCell lstm = LSTMCell.random(3, 4, new Random(1));
        assertMessage(() -> lstm.step(x(0, 3), lstm.initialState(0)), "LSTMCell: input x has a batch of 0 rows");
    }

    @Test
    void aStateThatDoesNotFitTheInputIsNamedAsTheState() {
        for (boolean fused : new boolean[] {false, true}) {
            Recurrent lstm = Recurrent.lstm(3, 4).fused(fused).seed(1).build();
            assertMessage(() -> lstm.forward(List.of(x(4, 3)), lstm.initialStates(3)),
                    "LSTM: state h has batch 3 but input x has batch 4 (state h is 3×4, x is 4×3)");
            assertMessage(() -> lstm.forward(List.of(x(2, 3)), List.of(new State(x(2, 5), x(2, 4)))),
                    "LSTM: state h has width 5 but the hidden size is 4");
            assertMessage(() -> lstm.forward(List.of(x(2, 3)), List.of(new State(x(2, 4), x(1, 4)))),
                    "LSTM: state c has batch 1 but input x has batch 2");
            Recurrent gru = Recurrent.gru(3, 4).layers(2).bidirectional(true).fused(fused).seed(1).build();
            List<State> states = new java.util.ArrayList<>(gru.initialStates(2));
            states.set(3, State.of(x(2, 6)));
            assertMessage(() -> gru.forward(List.of(x(2, 3)), states),
                    "GRU: state h has width 6 but the hidden size is 4 (initial state 3: layer 1, backward)");
        }
        LSTMCell lstm = LSTMCell.random(3, 4, new Random(1));
        assertMessage(() -> lstm.step(x(4, 3), lstm.initialState(3)),
                "LSTMCell: state h has batch 3 but input x has batch 4");
        assertMessage(() -> lstm.step(x(2, 3), new State(x(2, 5), x(2, 4))),
                "LSTMCell: state h has width 5 but the hidden size is 4");
        GRUCell gru = GRUCell.random(3, 4, new Random(1));
        assertMessage(() -> gru.step(x(2, 3), State.of(x(2, 3))), "GRUCell: state h has width 3 but the hidden size is 4");
        ElmanCell elman = ElmanCell.random(3, 4, new Random(1));
        assertMessage(() -> elman.step(x(2, 3), State.of(x(5, 4))), "ElmanCell: state h has batch 5 but input x has batch 2");
        JordanCell jordan = JordanCell.random(3, 8, 2, new Random(1));
        assertMessage(() -> jordan.step(x(1, 3), State.of(x(1, 8))),
                "JordanCell: state h has width 8 but the output size is 2 (a Jordan cell's state is its output y)");
    }

    @Test
    void dropoutProbabilityOutsideZeroToOneIsRefused() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertMessage(() -> new Dropout(p, 1), "Dropout: p must be in [0, 1), got " + p);
            assertMessage(() -> Recurrent.lstm(3, 4).layers(2).dropout(p), "Dropout: p must be in [0, 1), got " + p);
        }
    }

    @Test
    void badSizesAndShapesAreNamed() {
        assertMessage(() -> Recurrent.gru(0, 4), "GRU: input and hidden sizes must be positive, got input 0");
        assertMessage(() -> Recurrent.lstm(3, 4).layers(0), "LSTM: layers must be at least 1, got 0");
        assertMessage(() -> new GRUCell(GRUCell.Variant.PYTORCH, x(12, 3), x(12, 5), null, null),
                "GRUCell: weight_ih must be 3H × input and weight_hh 3H × H, got 12×3 and 12×5");
        assertMessage(() -> new LSTMCell(x(16, 3), x(16, 4), x(1, 15), null),
                "LSTMCell: bias_ih must be 1×16, got 1×15");
        assertMessage(() -> new PeepholeLSTMCell(x(16, 3), x(16, 4), null, null, x(1, 4), x(1, 3), x(1, 4)),
                "PeepholeLSTMCell: each peephole weight must be 1×4, got 1×3");
        assertMessage(() -> new ManyToOne(Recurrent.lstm(3, 4).bidirectional(true).seed(1).build(),
                Dense.random(4, 1, new Random(1))), "ManyToOne: the head reads 4 features but", "outputs 8");
        assertMessage(() -> OneToMany.of(Recurrent.lstm(3, 4).seed(1).build(), 2, OneToMany.Feedback.OUTPUT, 1),
                "OneToMany: feeding outputs back needs outputs as wide as the input (3), but the head gives 2");
        assertMessage(() -> new EncoderDecoder(Recurrent.lstm(3, 4).seed(1).build(),
                OneToMany.of(Recurrent.gru(1, 4).seed(1).build(), 1, OneToMany.Feedback.OUTPUT, 1)),
                "EncoderDecoder: the encoder's final states must fit the decoder");
    }

    @Test
    void forgetBiasNeedsAForgetGate() {
        Recurrent gru = Recurrent.gru(3, 4).seed(1).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gru.withForgetBias(1));
        assertTrue(e.getMessage().contains("GRU: GRUCell(3 → 4) has no forget gate"), e.getMessage());
    }
}
