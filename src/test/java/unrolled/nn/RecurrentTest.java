package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;

/** The stacked, bidirectional model: names, initialisation order, layout of outputs and states, repr, dropout. */
class RecurrentTest {

    @Test
    void namesFollowPyTorchsStateDict() {
        Recurrent lstm = Recurrent.lstm(3, 2).layers(2).bidirectional(true).seed(1).build();
        // As printed by list(nn.LSTM(3, 2, 2, bidirectional=True).state_dict().keys()).
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                lstm.parameters().names());
        assertEquals(4, lstm.parameters().get("weight_ih_l1").cols(), "layer 1 reads 2H");
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ci_l0",
                "weight_cf_l0", "weight_co_l0"), Recurrent.peephole(3, 2).seed(1).build().parameters().names());
    }

    @Test
    void everyParameterIsDrawnFromOneRandomInStateDictOrder() {
        int h = 4;
        Recurrent gru = Recurrent.gru(3, h).layers(2).bidirectional(true).seed(42).build();
        Random expected = new Random(42);
        double bound = 1 / Math.sqrt(h);
        for (Map.Entry<String, Node> p : gru.parameters()) {
            for (double v : p.getValue().value().data) {
                assertEquals(-bound + 2 * bound * expected.nextDouble(), v, 0, p.getKey());
            }
        }
    }

    @Test
    void reprIsPyTorchs() {
        assertEquals("LSTM(10, 20, num_layers=2, dropout=0.2, bidirectional=True)",
                Recurrent.lstm(10, 20).layers(2).dropout(0.2).bidirectional(true).seed(1).build().toString());
        assertEquals("LSTM(10, 20)", Recurrent.lstm(10, 20).seed(1).build().toString());
        assertEquals("RNN(3, 4, nonlinearity='relu')", Recurrent.rnn(3, 4, Nonlinearity.RELU).seed(1).build().toString());
        assertEquals("GRU(3, 4, num_layers=3, variant='cho')",
                Recurrent.gru(3, 4, GRUCell.Variant.CHO).layers(3).seed(1).build().toString());
        assertEquals("PeepholeLSTM(3, 4)", Recurrent.peephole(3, 4).seed(1).build().toString());
    }

    @Test
    void bidirectionalOutputsAreForwardThenBackwardPerStep() {
        Random random = new Random(5);
        Recurrent bi = Recurrent.lstm(3, 2).bidirectional(true).seed(1).build();
        List<Node> xs = Checking.inputs(4, 2, 3, random);
        SequenceOutput out = bi.forward(xs);
        SequenceOutput forward = new RecurrentLayer(bi.cell(0, 0)).forward(xs);
        List<Node> reversed = new ArrayList<>(xs);
        Collections.reverse(reversed);
        SequenceOutput backward = new RecurrentLayer(bi.cell(0, 1)).forward(reversed);
        for (int t = 0; t < 4; t++) {
            Node o = out.outputs().get(t);
            assertArrayEquals(forward.outputs().get(t).value().data, o.slice(0, 2).value().data, 0, "h→ at " + t);
            assertArrayEquals(backward.outputs().get(3 - t).value().data, o.slice(2, 4).value().data, 0, "h← at " + t);
        }
        assertArrayEquals(forward.finalState().c().value().data, out.finalStates().get(0).c().value().data, 0);
        assertArrayEquals(backward.finalState().h().value().data, out.finalStates().get(1).h().value().data, 0,
                "h_n of the backward direction is its state after x_1");
        assertEquals(4, bi.outputSize());
    }

    @Test
    void dropoutActsBetweenLayersOnlyAndNotInEvaluation() {
        List<Node> xs = Checking.inputs(3, 2, 3, new Random(5));
        Recurrent oneLayer = Recurrent.gru(3, 4).dropout(0.5).seed(1).build();
        double[] trained = oneLayer.forward(xs).lastOutput().value().data;
        double[] evaluated = oneLayer.eval().forward(xs).lastOutput().value().data;
        assertArrayEquals(evaluated, trained, 0, "no dropout after the last layer");

        Recurrent twoLayers = Recurrent.gru(3, 4).layers(2).dropout(0.5).seed(1).build();
        double[] noisy = twoLayers.forward(xs).lastOutput().value().data;
        double[] clean = twoLayers.eval().forward(xs).lastOutput().value().data;
        double[] cleanAgain = twoLayers.forward(xs).lastOutput().value().data;
        assertArrayEquals(clean, cleanAgain, 0);
        assertEquals(false, java.util.Arrays.equals(noisy, clean), "dropout between the layers while training");
    }

    @Test
    void finalStatesComeInHnOrderAndCanStartTheNextWindow() {
        Recurrent rnn = Recurrent.rnn(2, 3).layers(3).seed(1).build();
        List<Node> xs = Checking.inputs(6, 1, 2, new Random(2));
        SequenceOutput whole = rnn.forward(xs);
        SequenceOutput first = rnn.forward(xs.subList(0, 3));
        List<State> carried = first.finalStates().stream().map(State::detach).toList();
        SequenceOutput second = rnn.forward(xs.subList(3, 6), carried);
        assertEquals(3, whole.finalStates().size());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(whole.finalStates().get(k).h().value().data, second.finalStates().get(k).h().value().data,
                    1e-15, "layer " + k);
        }
        assertArrayEquals(whole.lastOutput().value().data, whole.finalStates().get(2).h().value().data, 0);
    }
}
