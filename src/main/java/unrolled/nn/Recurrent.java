package unrolled.nn;

import static unrolled.graph.Ops.concat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import unrolled.graph.Node;

/**
 * A stack of recurrent layers, optionally bidirectional: PyTorch's {@code nn.RNN}, {@code nn.LSTM} and
 * {@code nn.GRU} (article 3 Part Four, article 5's BRNN and deep RNN), plus the peephole LSTM.
 * <pre>
 *   var lstm = Recurrent.lstm(10, 20).layers(2).dropout(0.2).bidirectional(true).seed(42).build();
 *   SequenceOutput out = lstm.forward(xs);        // xs: T inputs, each batch × 10
 * </pre>
 * Layer 0 reads the input; layer k &gt; 0 reads layer k−1's outputs, of width H (2H when bidirectional), through
 * dropout while training (between layers only, never after the last, as PyTorch's {@code dropout} argument).
 * A bidirectional layer runs one cell over t = 1…T and a second, independent cell over t = T…1, and its output at
 * step t is [h→_t, h←_t] (forward first, PyTorch's layout).
 *
 * <p>Parameters carry PyTorch's names, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, …_l1, with
 * {@code _reverse} for the backward direction, and are drawn from one Random in that (state_dict) order.
 */
public final class Recurrent {

    /** Makes the cell of one layer and direction; the builder calls it in state_dict order with one Random. */
    @FunctionalInterface
    public interface CellFactory {
        Cell create(int inputSize, int hiddenSize, Random random);
    }

    private final String name;
    private final String options;
    private final int layers;
    private final int directions;
    private final List<Cell> cells;
    private final Dropout dropout;
    private final boolean fused;

    private Recurrent(Builder b, List<Cell> cells, Dropout dropout) {
        this.fused = b.fused;
        this.name = b.name;
        this.options = b.options;
        this.layers = b.layers;
        this.directions = b.bidirectional ? 2 : 1;
        this.cells = List.copyOf(cells);
        this.dropout = dropout;
        parameters().forEach(e -> e.getValue().named(e.getKey()));
    }

    /** Elman layers with tanh, as {@code nn.RNN}. */
    public static Builder rnn(int inputSize, int hiddenSize) {
        return rnn(inputSize, hiddenSize, Nonlinearity.TANH);
    }

    /** Elman layers with the given activation ({@code nn.RNN}'s nonlinearity). */
    public static Builder rnn(int inputSize, int hiddenSize, Nonlinearity activation) {
        String options = activation == Nonlinearity.TANH ? ""
                : ", nonlinearity='" + activation.name().toLowerCase() + "'";
        return new Builder("RNN", options, inputSize, hiddenSize,
                (in, h, random) -> ElmanCell.random(in, h, activation, random));
    }

    /** LSTM layers, as {@code nn.LSTM}. */
    public static Builder lstm(int inputSize, int hiddenSize) {
        return new Builder("LSTM", "", inputSize, hiddenSize, LSTMCell::random);
    }

    /** Peephole LSTM layers (parameters weight_ci_l0, weight_cf_l0, weight_co_l0 besides the LSTM's). */
    public static Builder peephole(int inputSize, int hiddenSize) {
        return new Builder("PeepholeLSTM", "", inputSize, hiddenSize, PeepholeLSTMCell::random);
    }

    /** GRU layers, as {@code nn.GRU}. */
    public static Builder gru(int inputSize, int hiddenSize) {
        return gru(inputSize, hiddenSize, GRUCell.Variant.PYTORCH);
    }

    /** GRU layers of PyTorch's form or Cho et al.'s original. */
    public static Builder gru(int inputSize, int hiddenSize, GRUCell.Variant variant) {
        String options = variant == GRUCell.Variant.PYTORCH ? "" : ", variant='" + variant.name().toLowerCase() + "'";
        return new Builder("GRU", options, inputSize, hiddenSize,
                (in, h, random) -> GRUCell.random(in, h, variant, random));
    }

    /**
     * Layers of any cell whose output is its hidden state h (width H): {@code factory} makes each from
     * (input width, H, Random). Not for a {@link JordanCell}, whose output has its own width.
     */
    public static Builder of(String name, int inputSize, int hiddenSize, CellFactory factory) {
        return new Builder(name, "", inputSize, hiddenSize, factory);
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /**
     * Runs the sequence from zero states: the last layer's output at every step (batch × H, or batch × 2H when
     * bidirectional) and the final state of every layer and direction, in PyTorch's h_n order.
     */
    public SequenceOutput forward(List<Node> inputs) {
        Checks.requireSequence(name, inputs);
        return forward(inputs, initialStates(inputs.get(0).rows()));
    }

    /** Runs the sequence from the given states, one per layer and direction in h_n order. */
    public SequenceOutput forward(List<Node> inputs, List<State> initial) {
        Checks.requireSequence(name, inputs);
        if (inputs.get(0).cols() != inputSize()) {
            throw new IllegalArgumentException(name + ": expected input of width " + inputSize() + ", got "
                    + inputs.get(0).cols() + " (time step 0 is " + inputs.get(0).rows() + "×"
                    + inputs.get(0).cols() + ")");
        }
        if (initial.size() != cells.size()) {
            throw new IllegalArgumentException(name + ": expected " + cells.size() + " initial states ("
                    + layers + " layers × " + directions + " directions), got " + initial.size());
        }
        for (int k = 0; k < cells.size(); k++) {
            String where = cells.size() == 1 ? "" : " (initial state " + k + ": layer " + k / directions
                    + (directions == 2 ? (k % 2 == 0 ? ", forward" : ", backward") : "") + ")";
            Checks.requireState(name, inputs.get(0), initial.get(k), cells.get(k).hiddenSize(), where);
        }
        List<Node> layerInputs = inputs;
        List<State> finalStates = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            if (layer > 0) {
                layerInputs = dropout.apply(layerInputs);
            }
            layerInputs = runLayer(layer, layerInputs, initial, finalStates);
        }
        return new SequenceOutput(layerInputs, finalStates);
    }

    /**
     * One layer: its forward cell over t = 1…T and, when bidirectional, its backward cell over t = T…1, the two
     * outputs joined per step as [h→_t, h←_t]. Adds the layer's final states to {@code finalStates}.
     */
    private List<Node> runLayer(int layer, List<Node> inputs, List<State> initial, List<State> finalStates) {
        int k = layer * directions;
        SequenceOutput forward = unroll(cells.get(k), inputs, initial.get(k));
        finalStates.add(forward.finalState());
        if (directions == 1) {
            return forward.outputs();
        }
        SequenceOutput backward = unroll(cells.get(k + 1), reversed(inputs), initial.get(k + 1));
        finalStates.add(backward.finalState());
        List<Node> backwardInTime = reversed(backward.outputs());
        List<Node> joined = new ArrayList<>();
        for (int t = 0; t < inputs.size(); t++) {
            joined.add(concat(forward.outputs().get(t), backwardInTime.get(t)));
        }
        return joined;
    }

    /** One cell over the sequence: as one fused op when the model is fused and the cell has one, else step by step. */
    private SequenceOutput unroll(Cell cell, List<Node> inputs, State initial) {
        FusedForm fusedForm = fused ? cell.fusedForm() : null;
        return fusedForm != null ? fusedForm.run(inputs, initial) : new RecurrentLayer(cell).forward(inputs, initial);
    }

    private static List<Node> reversed(List<Node> xs) {
        List<Node> r = new ArrayList<>(xs);
        Collections.reverse(r);
        return r;
    }

    /** Whether layers run as fused ops (see {@link Builder#fused}). */
    public boolean isFused() {
        return fused;
    }

    /** The zero states, one per layer and direction. */
    public List<State> initialStates(int batch) {
        return cells.stream().map(c -> c.initialState(batch)).toList();
    }

    // ---- inspecting -------------------------------------------------------------------------------------------

    /** The cell of one layer (0-based) and direction (0 forward, 1 backward). */
    public Cell cell(int layer, int direction) {
        return cells.get(layer * directions + direction);
    }

    /** I, the width of the input at each step. */
    public int inputSize() {
        return cells.get(0).inputSize();
    }

    /** H, the width of each direction's hidden state. */
    public int hiddenSize() {
        return cells.get(0).hiddenSize();
    }

    /** The number of stacked layers. */
    public int numLayers() {
        return layers;
    }

    public boolean isBidirectional() {
        return directions == 2;
    }

    /** The width of each output: H, or 2H when bidirectional. */
    public int outputSize() {
        return directions * hiddenSize();
    }

    /** The dropout between layers (p = 0 when none was asked for). */
    public Dropout dropout() {
        return dropout;
    }

    /** Training mode: dropout between layers is on. Returns this. */
    public Recurrent train() {
        dropout.train();
        return this;
    }

    /** Evaluation mode: no dropout. Returns this. */
    public Recurrent eval() {
        dropout.eval();
        return this;
    }

    /**
     * Article 5's tip for every LSTM cell of the stack: forget-gate bias b_ih_f = value, b_hh_f = 0 (see
     * {@link LSTMCell#withForgetBias}). Returns this; throws for cells without a forget gate.
     */
    public Recurrent withForgetBias(double value) {
        for (Cell c : cells) {
            if (c instanceof LSTMCell lstm) {
                lstm.withForgetBias(value);
            } else {
                throw new IllegalStateException(name + ": " + c + " has no forget gate");
            }
        }
        return this;
    }

    /** Every layer's and direction's parameters, named weight_ih_l0, …, weight_ih_l0_reverse, … in state_dict order. */
    public Parameters parameters() {
        Parameters p = new Parameters();
        for (int k = 0; k < cells.size(); k++) {
            p.addAllWithSuffix(cells.get(k).parameters(), suffix(k / directions, k % directions));
        }
        return p;
    }

    private static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** PyTorch's repr, e.g. {@code LSTM(10, 20, num_layers=2, dropout=0.2, bidirectional=True)}. */
    @Override
    public String toString() {
        return name + "(" + inputSize() + ", " + hiddenSize() + (layers == 1 ? "" : ", num_layers=" + layers)
                + options + (dropout.p() == 0 ? "" : ", dropout=" + dropout.p())
                + (directions == 1 ? "" : ", bidirectional=True") + ")";
    }

    /** Options of a {@link Recurrent}; {@link #build()} draws the parameters. */
    public static final class Builder {

        private final String name;
        private final String options;
        private final int inputSize;
        private final int hiddenSize;
        private final CellFactory factory;
        private int layers = 1;
        private double dropout;
        private boolean bidirectional;
        private boolean fused;
        private Random random;

        private Builder(String name, String options, int inputSize, int hiddenSize, CellFactory factory) {
            Checks.requireSizes(name, inputSize, hiddenSize);
            this.name = name;
            this.options = options;
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
            this.factory = factory;
        }

        /** The number of stacked layers (PyTorch's num_layers), 1 by default. */
        public Builder layers(int layers) {
            if (layers < 1) {
                throw new IllegalArgumentException(name + ": layers must be at least 1, got " + layers);
            }
            this.layers = layers;
            return this;
        }

        /** Dropout probability on the outputs of every layer but the last, in [0, 1); 0 by default. */
        public Builder dropout(double p) {
            this.dropout = Dropout.requireProbability(p);
            return this;
        }

        /** Whether each layer also runs backwards in time; false by default. */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        /**
         * Whether each layer runs as one fused op over the whole sequence (fast, like PyTorch's nn.LSTM) instead of
         * the composed cell step by step (every gate a node of the graph, to draw and inspect). Both give the same
         * numbers; false by default. Elman (tanh, relu), LSTM and PyTorch-form GRU cells have fused ops.
         */
        public Builder fused(boolean fused) {
            this.fused = fused;
            return this;
        }

        /** Draw the parameters (and then the dropout masks) from {@code new Random(seed)}. */
        public Builder seed(long seed) {
            return random(new Random(seed));
        }

        /** Draw the parameters (and then the dropout masks) from this Random; an unseeded one by default. */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /** Draws every cell's parameters in state_dict order: l0, l0_reverse, l1, l1_reverse, … */
        public Recurrent build() {
            Random r = random != null ? random : new Random();
            int directions = bidirectional ? 2 : 1;
            List<Cell> cells = new ArrayList<>();
            for (int layer = 0; layer < layers; layer++) {
                int in = layer == 0 ? inputSize : directions * hiddenSize;
                for (int d = 0; d < directions; d++) {
                    cells.add(factory.create(in, hiddenSize, r));
                }
            }
            return new Recurrent(this, cells, new Dropout(dropout, r));
        }
    }
}
