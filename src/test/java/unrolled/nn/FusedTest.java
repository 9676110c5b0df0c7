package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.stackRows;
import static unrolled.graph.Ops.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import unrolled.calculus.ForwardMode;
import unrolled.calculus.GradCheck;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/** Every fused layer against the composed cells it replaces: the same values and gradients to 1e−10. */
class FusedTest {

    private static final Map<String, BiFunction<Integer, Integer, Recurrent.Builder>> MODELS = Map.of(
            "rnn tanh", (i, h) -> Recurrent.rnn(i, h),
            "rnn relu", (i, h) -> Recurrent.rnn(i, h, Nonlinearity.RELU),
            "lstm", (i, h) -> Recurrent.lstm(i, h),
            "gru", (i, h) -> Recurrent.gru(i, h));

    static Stream<Arguments> configurations() {
        List<Arguments> cases = new ArrayList<>();
        for (String model : List.of("rnn tanh", "rnn relu", "lstm", "gru")) {
            cases.add(Arguments.of(model, 1, 1, 1, false));
            cases.add(Arguments.of(model, 5, 3, 1, false));
            cases.add(Arguments.of(model, 4, 2, 2, true));
        }
        return cases.stream();
    }

    private record Run(List<DMatrixRMaj> values, List<DMatrixRMaj> gradients) {}

    /** Outputs and final states, then the gradients of a random weighted sum of them w.r.t. everything. */
    private static Run run(String model, int steps, int batch, int layers, boolean bidirectional, boolean fused) {
        int in = 3;
        int hidden = 4;
        Recurrent rnn = MODELS.get(model).apply(in, hidden).layers(layers).bidirectional(bidirectional)
                .fused(fused).seed(11).build();
        Random data = new Random(7);
        List<Node> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Node.param("x" + t, Tensors.uniform(batch, in, -1, 1, data)));
        }
        List<State> initial = new ArrayList<>();
        for (State s : rnn.initialStates(batch)) {
            Node h = Node.param("h0", Tensors.uniform(batch, hidden, -0.5, 0.5, data));
            Node c = s.c() == null ? null : Node.param("c0", Tensors.uniform(batch, hidden, -0.5, 0.5, data));
            initial.add(new State(h, c));
        }
        SequenceOutput out = rnn.forward(xs, initial);
        List<Node> watched = new ArrayList<>(out.outputs());
        for (State s : out.finalStates()) {
            watched.add(s.h());
            if (s.c() != null) watched.add(s.c());
        }
        Node loss = null;
        for (Node w : watched) {
            Node term = sum(mul(w, Node.constant(Tensors.uniform(w.rows(), w.cols(), -1, 1, data))));
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        List<DMatrixRMaj> values = watched.stream().map(Node::value).toList();
        List<Node> leaves = new ArrayList<>(rnn.parameters().nodes());
        leaves.addAll(xs);
        for (State s : initial) {
            leaves.add(s.h());
            if (s.c() != null) leaves.add(s.c());
        }
        return new Run(values, leaves.stream().map(Node::grad).toList());
    }

    @ParameterizedTest(name = "{0}: T={1} B={2} layers={3} bidirectional={4}")
    @MethodSource("configurations")
    void fusedEqualsComposed(String model, int steps, int batch, int layers, boolean bidirectional) {
        Run composed = run(model, steps, batch, layers, bidirectional, false);
        Run fused = run(model, steps, batch, layers, bidirectional, true);
        assertClose(composed.values(), fused.values(), "values");
        assertClose(composed.gradients(), fused.gradients(), "gradients");
    }

    private static void assertClose(List<DMatrixRMaj> expected, List<DMatrixRMaj> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            for (int i = 0; i < expected.get(k).getNumElements(); i++) {
                assertEquals(expected.get(k).data[i], actual.get(k).data[i], 1e-10, what + " " + k + " entry " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedModels")
    void fusedLayersPassTheGradientCheck(String model) {
        Recurrent rnn = MODELS.get(model).apply(3, 4).fused(true).seed(5).build();
        Random data = new Random(9);
        List<Node> xs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            xs.add(Node.param("x" + t, Tensors.uniform(2, 3, -1, 1, data)));
        }
        DMatrixRMaj weights = Tensors.uniform(2, 4, -1, 1, data);
        Map<String, Node> checked = new java.util.LinkedHashMap<>(rnn.parameters().asMap());
        checked.put("x0", xs.get(0));
        GradCheck.Report report = GradCheck.check(
                () -> sum(mul(rnn.forward(xs).lastOutput(), Node.constant(weights))), checked);
        assertTrue(report.passed() && report.maxRelativeError() <= 1e-7, report::toString);
    }

    static Stream<String> configurationsWithoutLayers() {
        return MODELS.keySet().stream().sorted();
    }

    static Stream<String> fusedModels() {
        return Stream.of("rnn tanh", "lstm", "gru");
    }

    /** A head over every step stacks the fused outputs back into the fused op's value; the gradients stay equal. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedModels")
    void stackingTheStepsForAHeadGivesTheSameGradients(String model) {
        List<List<DMatrixRMaj>> gradients = new ArrayList<>();
        for (boolean fused : List.of(false, true)) {
            Recurrent rnn = MODELS.get(model).apply(3, 4).layers(2).fused(fused).seed(5).build();
            Random data = new Random(9);
            List<Node> xs = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                xs.add(Node.param("x" + t, Tensors.uniform(2, 3, -1, 1, data)));
            }
            Node stacked = stackRows(rnn.forward(xs).outputs());
            sum(mul(stacked, Node.constant(Tensors.uniform(10, 4, -1, 1, data)))).backward();
            List<Node> leaves = new ArrayList<>(rnn.parameters().nodes());
            leaves.addAll(xs);
            gradients.add(leaves.stream().map(Node::grad).toList());
        }
        assertClose(gradients.get(0), gradients.get(1), "gradients");
    }

    @Test
    void aFusedLayersOutputsStackBackIntoTheOpsMatrixWithoutACopy() {
        Random random = new Random(3);
        List<Node> xs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            xs.add(Node.constant(Tensors.gaussian(2, 3, 1, random)));
        }
        for (Recurrent layer : List.of(Recurrent.lstm(3, 5).fused(true).seed(1).build(),
                Recurrent.gru(3, 5).fused(true).seed(1).build(), Recurrent.rnn(3, 5).fused(true).seed(1).build())) {
            SequenceOutput out = layer.forward(xs, layer.initialStates(2));
            assertTrue(out.outputs() instanceof unrolled.graph.RowSlices,
                    "the outputs of " + layer + " lost their row-block form: stacking them would copy every step");
        }
    }

    @Test
    void cellsWithoutAFusedOpRunComposed() {
        Recurrent peephole = Recurrent.peephole(2, 3).fused(true).seed(1).build();
        Recurrent cho = Recurrent.gru(2, 3, GRUCell.Variant.CHO).fused(true).seed(1).build();
        List<Node> xs = List.of(Node.constant(Tensors.ones(1, 2)), Node.constant(Tensors.ones(1, 2)));
        assertEquals("mul", peephole.forward(xs).lastOutput().function().name(), "h = o ⊙ tanh(c), step by step");
        assertEquals("add", cho.forward(xs).lastOutput().function().name(), "h = (1 − z)⊙n + z⊙h, step by step");
        assertEquals("sliceRows", Recurrent.lstm(2, 3).fused(true).seed(1).build().forward(xs).lastOutput()
                .function().name(), "a fused layer's outputs are row blocks of the fused op");
        assertTrue(ElmanCell.random(2, 3, new Random(0)).fusedForm() != null, "each cell declares its fused form");
        assertTrue(ElmanCell.linearMemory(2, 2).fusedForm() == null, "a linear cell without biases has none");
        assertTrue(PeepholeLSTMCell.random(2, 3, new Random(0)).fusedForm() == null, "peepholes are not fused");
    }

    /** The Function contract holds for the fused ops too: forward mode gives the composed model's tangents. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurationsWithoutLayers")
    void forwardModeOnAFusedModelGivesTheComposedTangents(String model) {
        DMatrixRMaj direction = Tensors.uniform(2, 3, -1, 1, new Random(8));
        List<DMatrixRMaj> alongX = new ArrayList<>();
        List<DMatrixRMaj> byWeight = new ArrayList<>();
        for (boolean fused : List.of(false, true)) {
            Recurrent rnn = MODELS.get(model).apply(3, 4).layers(2).fused(fused).seed(5).build();
            Random data = new Random(9);
            List<Node> xs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                xs.add(Node.param("x" + t, Tensors.uniform(2, 3, -1, 1, data)));
            }
            Node out = sum(mul(stackRows(rnn.forward(xs).outputs()), Node.constant(Tensors.uniform(6, 4, -1, 1, data))));
            Node w = rnn.parameters().get(rnn.parameters().names().get(1));
            alongX.add(ForwardMode.tangent(out, xs.get(0), direction));
            byWeight.add(ForwardMode.gradient(out, w));
            out.backward();
            assertClose(List.of(w.grad()), List.of(byWeight.get(byWeight.size() - 1)), "forward = reverse mode");
        }
        assertClose(alongX.subList(0, 1), alongX.subList(1, 2), "tangent along x_1");
        assertClose(byWeight.subList(0, 1), byWeight.subList(1, 2), "∂L/∂W_hh by forward mode");
    }

    @Test
    void aFusedOpAsksForGraphBuildingWhenItsTangentIsWanted() {
        Recurrent rnn = Recurrent.lstm(2, 3).fused(true).seed(1).build();
        Node x = Node.param("x", Tensors.ones(1, 2));
        Node out = sum(rnn.forward(List.of(x)).lastOutput());
        IllegalStateException e;
        try (Node.NoGrad ignored = Node.noGrad()) {
            e = assertThrows(IllegalStateException.class, () -> ForwardMode.tangent(out, x, Tensors.ones(1, 2)));
        }
        assertTrue(e.getMessage().contains("fusedLSTM") && e.getMessage().contains("noGrad"), e.getMessage());
        assertEquals(1, ForwardMode.tangent(out, x, Tensors.ones(1, 2)).getNumElements(), "works once noGrad is closed");
    }
}
