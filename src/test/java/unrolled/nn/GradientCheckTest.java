package unrolled.nn;

import static unrolled.nn.Checking.SMOOTH;
import static unrolled.nn.Checking.assertGradients;
import static unrolled.nn.Checking.everything;
import static unrolled.nn.Checking.inputs;
import static unrolled.nn.Checking.states;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import unrolled.graph.Node;

/**
 * Backprop through time against central differences, for every cell, the stacked and bidirectional models and seed
 * 002's five structures; each at T = 1 and T = 4, batch 1 and 3. The check covers every parameter, every input x_t
 * and every initial state, under a fixed random linear loss of all outputs and final states.
 *
 * <p>Every entry must pass GradCheck's test, and the relative error ‖a − n‖∞ / ‖n‖∞ of every parameter must stay
 * below a bound: 1e−7 for a single cell (the GUIDE's bar for smooth cells; the worst cell here shows about 2e−8).
 * Stacks and structures are held to 1e−6: with ε = 1e−6 the rounding in L puts a floor of about 1e−10 under
 * |a − n|, and a parameter two layers and a decoder away from the loss gets gradients near 1e−3, so its relative
 * error sits near 1e−7 by arithmetic alone (about 1e−7 here; up to 4e−7 for other seeds), not because of a wrong
 * derivative — a wrong one shows up as 1e−2 or more.
 */
class GradientCheckTest {

    /** The bound for stacks of cells and for the structures (see the class comment). */
    static final double STACKED = 1e-6;

    /** What a gradient check needs: the loss, rebuilt on every call, and every node it must differentiate. */
    record Case(Supplier<Node> loss, Map<String, Node> all) {}

    /** Builds a case for a number of steps and a batch size, drawing everything from {@code random}. */
    interface Setup {
        Case make(int steps, int batch, Random random);
    }

    @ParameterizedTest(name = "{0}, T={2}, batch={3}, relative error ≤ {4}")
    @MethodSource("cases")
    void backpropMatchesCentralDifferences(String name, Setup setup, int steps, int batch, double bound) {
        Case c = setup.make(steps, batch, new Random(7));
        assertGradients(c.loss(), c.all(), bound);
    }

    static Stream<Arguments> cases() {
        Map<String, Setup> cells = new LinkedHashMap<>();
        cells.put("Elman tanh", cell(r -> ElmanCell.random(3, 4, Nonlinearity.TANH, r)));
        cells.put("Elman relu", cell(GradientCheckTest::livelyRelu));
        cells.put("linear memory", cell(r -> ElmanCell.linearMemory(2, 2)));
        cells.put("Jordan", cell(r -> JordanCell.random(3, 4, 2, r)));
        cells.put("LSTM", cell(r -> LSTMCell.random(3, 4, r)));
        cells.put("peephole LSTM", cell(r -> PeepholeLSTMCell.random(3, 4, r)));
        cells.put("GRU (PyTorch)", cell(r -> GRUCell.random(3, 4, GRUCell.Variant.PYTORCH, r)));
        cells.put("GRU (Cho)", cell(r -> GRUCell.random(3, 4, GRUCell.Variant.CHO, r)));
        Map<String, Setup> stacks = new LinkedHashMap<>();
        stacks.put("2-layer LSTM, dropout 0.3", model(r -> Recurrent.lstm(3, 3).layers(2).dropout(0.3).random(r)));
        stacks.put("2-layer peephole LSTM", model(r -> Recurrent.peephole(3, 3).layers(2).random(r)));
        stacks.put("bidirectional GRU", model(r -> Recurrent.gru(3, 3).bidirectional(true).random(r)));
        stacks.put("2-layer bidirectional LSTM, dropout 0.3",
                model(r -> Recurrent.lstm(3, 3).layers(2).bidirectional(true).dropout(0.3).random(r)));
        stacks.put("2-layer bidirectional RNN",
                model(r -> Recurrent.rnn(3, 3).layers(2).bidirectional(true).random(r)));
        stacks.put("2-layer bidirectional Cho GRU",
                model(r -> Recurrent.gru(3, 3, GRUCell.Variant.CHO).layers(2).bidirectional(true).random(r)));
        stacks.put("one-to-one", GradientCheckTest::oneToOne);
        stacks.put("one-to-many", GradientCheckTest::oneToMany);
        stacks.put("many-to-one, dropout 0.2", GradientCheckTest::manyToOne);
        stacks.put("many-to-many aligned", GradientCheckTest::manyToMany);
        stacks.put("encoder-decoder", GradientCheckTest::encoderDecoder);
        return Stream.concat(withSizes(cells, SMOOTH), withSizes(stacks, STACKED));
    }

    /** Every setup at T ∈ {1, 4} and batch ∈ {1, 3}. */
    private static Stream<Arguments> withSizes(Map<String, Setup> setups, double bound) {
        List<Arguments> cases = new ArrayList<>();
        setups.forEach((name, setup) -> {
            for (int steps : new int[] {1, 4}) {
                for (int batch : new int[] {1, 3}) {
                    cases.add(Arguments.of(name, setup, steps, batch, bound));
                }
            }
        });
        return cases.stream();
    }

    /** A relu cell whose bias keeps most units on, so a batch of one still has live units at every step. */
    private static Cell livelyRelu(Random r) {
        ElmanCell cell = ElmanCell.random(3, 4, Nonlinearity.RELU, r);
        cell.parameters().get("bias_ih").value().fill(0.8);
        return cell;
    }

    /** One cell unrolled by a RecurrentLayer from a trainable initial state. */
    private static Setup cell(Function<Random, Cell> make) {
        return (steps, batch, r) -> {
            Cell cell = make.apply(r);
            RecurrentLayer layer = new RecurrentLayer(cell);
            List<Node> xs = inputs(steps, batch, cell.inputSize(), r);
            List<State> s0 = states(List.of(cell.initialState(batch)), r);
            WeightedSum loss = new WeightedSum(11);
            return new Case(() -> {
                SequenceOutput out = layer.forward(xs, s0.get(0));
                return loss.of(out.outputs(), List.of(out.finalState()));
            }, everything(cell.parameters(), xs, s0));
        };
    }

    /** A Recurrent model from trainable initial states, its dropout masks the same on every call. */
    private static Setup model(Function<Random, Recurrent.Builder> builder) {
        return (steps, batch, r) -> {
            Recurrent model = builder.apply(r).build();
            List<Node> xs = inputs(steps, batch, model.inputSize(), r);
            List<State> s0 = states(model.initialStates(batch), r);
            WeightedSum loss = new WeightedSum(11);
            return new Case(() -> {
                model.dropout().reseed(5);
                SequenceOutput out = model.forward(xs, s0);
                return loss.of(out.outputs(), out.finalStates());
            }, everything(model.parameters(), xs, s0));
        };
    }

    /** The same Dense layer on every step's input. */
    private static Case oneToOne(int steps, int batch, Random r) {
        Dense dense = Dense.random(3, 2, r);
        List<Node> xs = inputs(steps, batch, 3, r);
        WeightedSum loss = new WeightedSum(11);
        return new Case(() -> loss.of(xs.stream().map(dense::forward).toList()),
                everything(dense.parameters(), xs, List.of()));
    }

    private static Case oneToMany(int steps, int batch, Random r) {
        OneToMany model = OneToMany.of(Recurrent.lstm(2, 3).random(r).build(), 2, OneToMany.Feedback.OUTPUT, 3);
        List<Node> x = inputs(1, batch, 2, r);
        List<State> s0 = states(model.rnn().initialStates(batch), r);
        WeightedSum loss = new WeightedSum(11);
        return new Case(() -> loss.of(model.forward(x.get(0), s0, steps)), everything(model.parameters(), x, s0));
    }

    private static Case manyToOne(int steps, int batch, Random r) {
        ManyToOne model = ManyToOne.of(Recurrent.gru(3, 3).layers(2).dropout(0.2).random(r).build(), 2, 3);
        List<Node> xs = inputs(steps, batch, 3, r);
        List<State> s0 = states(model.rnn().initialStates(batch), r);
        WeightedSum loss = new WeightedSum(11);
        Dropout outer = new Dropout(0.2, 0);
        model.withDropout(outer);
        return new Case(() -> {
            outer.reseed(5);
            model.rnn().dropout().reseed(6);
            return loss.of(List.of(model.forward(xs, s0)));
        }, everything(model.parameters(), xs, s0));
    }

    private static Case manyToMany(int steps, int batch, Random r) {
        ManyToMany model = ManyToMany.of(Recurrent.rnn(3, 3).bidirectional(true).random(r).build(), 2, 3);
        List<Node> xs = inputs(steps, batch, 3, r);
        List<State> s0 = states(model.rnn().initialStates(batch), r);
        WeightedSum loss = new WeightedSum(11);
        return new Case(() -> loss.of(model.forward(xs, s0)), everything(model.parameters(), xs, s0));
    }

    /** T inputs in, a different number of outputs (3 after one input, 2 after four). */
    private static Case encoderDecoder(int steps, int batch, Random r) {
        Recurrent encoder = Recurrent.lstm(3, 3).layers(2).random(r).build();
        OneToMany decoder = OneToMany.of(Recurrent.lstm(2, 3).layers(2).random(r).build(), 2,
                OneToMany.Feedback.OUTPUT, 3);
        EncoderDecoder model = new EncoderDecoder(encoder, decoder);
        List<Node> xs = inputs(steps, batch, 3, r);
        WeightedSum loss = new WeightedSum(11);
        int outputSteps = steps == 1 ? 3 : 2;
        return new Case(() -> loss.of(model.forward(xs, outputSteps)), everything(model.parameters(), xs, List.of()));
    }
}
