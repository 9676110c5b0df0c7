package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Article 3's input/output structures: what goes in, what comes out, and which states connect them. */
class StructuresTest {

    private final List<Node> xs = Checking.inputs(5, 2, 3, new Random(4));

    @Test
    void manyToOneReadsTheLastOutput() {
        ManyToOne model = ManyToOne.of(Recurrent.lstm(3, 4).seed(1).build(), 2, 2);
        Node y = model.forward(xs);
        assertEquals("2×2", y.rows() + "×" + y.cols());
        Node expected = model.fc().forward(model.rnn().forward(xs).lastOutput());
        assertArrayEquals(expected.value().data, y.value().data, 0);
        assertEquals("ManyToOne(rnn=LSTM(3, 4), fc=Dense(4 → 2))", model.toString());
        assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "fc.weight",
                "fc.bias"), model.parameters().names());
    }

    @Test
    void manyToManyAnswersEveryStep() {
        ManyToMany model = ManyToMany.of(Recurrent.gru(3, 4).bidirectional(true).seed(1).build(), 2, 2);
        List<Node> ys = model.forward(xs);
        assertEquals(5, ys.size());
        List<Node> hs = model.rnn().forward(xs).outputs();
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(model.fc().forward(hs.get(t)).value().data, ys.get(t).value().data, 0);
        }
    }

    @Test
    void oneToManyFeedsBackItsOutputOrZeros() {
        Node x = xs.get(0);
        OneToMany generator = OneToMany.of(Recurrent.lstm(3, 4).seed(1).build(), 3, OneToMany.Feedback.OUTPUT, 2);
        List<Node> ys = generator.forward(x, 4);
        assertEquals(4, ys.size());
        // Step 2 by hand: the rnn continues from step 1's state with ŷ_1 as input.
        SequenceOutput step1 = generator.rnn().forward(List.of(x));
        SequenceOutput step2 = generator.rnn().forward(List.of(ys.get(0)), step1.finalStates());
        assertArrayEquals(generator.fc().forward(step2.lastOutput()).value().data, ys.get(1).value().data, 0);

        OneToMany zeros = new OneToMany(generator.rnn(), Dense.random(4, 1, new Random(1)), OneToMany.Feedback.ZEROS);
        List<Node> zs = zeros.forward(x, 3);
        Node zero = Node.constant(Tensors.zeros(2, 3));
        SequenceOutput all = zeros.rnn().forward(List.of(x, zero, zero));
        assertArrayEquals(zeros.fc().forward(all.lastOutput()).value().data, zs.get(2).value().data, 0);
    }

    @Test
    void encoderDecoderHandsOverTheFinalStatesAndChoosesTheOutputLength() {
        Recurrent encoder = Recurrent.lstm(3, 4).layers(2).seed(1).build();
        OneToMany decoder = OneToMany.of(Recurrent.lstm(2, 4).layers(2).seed(2).build(), 2, OneToMany.Feedback.OUTPUT,
                3);
        EncoderDecoder model = new EncoderDecoder(encoder, decoder);
        List<Node> ys = model.forward(xs, 7);
        assertEquals(7, ys.size());
        List<Node> expected = decoder.forward(Node.constant(Tensors.zeros(2, 2)), encoder.forward(xs).finalStates(), 7);
        assertArrayEquals(expected.get(6).value().data, ys.get(6).value().data, 0);
        assertTrue(model.parameters().names().containsAll(List.of("encoder.weight_ih_l1", "decoder.rnn.bias_hh_l1",
                "decoder.fc.weight")));
    }

    @Test
    void dropoutAtTheInputAndOutputIsOffInEvaluation() {
        ManyToOne model = ManyToOne.of(Recurrent.rnn(3, 4).seed(1).build(), 1, 2);
        double[] plain = model.forward(xs).value().data;
        model.withDropout(new Dropout(0.5, 3));
        double[] noisy = model.forward(xs).value().data;
        double[] evaluated = model.eval().forward(xs).value().data;
        assertArrayEquals(plain, evaluated, 0);
        assertTrue(!java.util.Arrays.equals(plain, noisy));
        assertTrue(model.toString().endsWith("dropout=0.5)"), model.toString());
    }
}
