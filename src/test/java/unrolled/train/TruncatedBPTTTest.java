package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.train.Messages.fails;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.Graph;
import unrolled.graph.Node;
import unrolled.graph.Ops;
import unrolled.graph.Tensors;
import unrolled.nn.Cell;
import unrolled.nn.Dense;
import unrolled.nn.Parameters;
import unrolled.nn.Recurrent;
import unrolled.nn.State;

/**
 * Truncated BPTT is checked against the truncated graph built by hand — the same k steps started from the previous
 * window's state as a constant — and shown to differ from full BPTT through both windows.
 */
class TruncatedBPTTTest {

    private static final int T = 14;
    private static final int BATCH = 2;
    private static final int K = 3;
    /** With T = 14 and 2 streams, each stream is 7 steps long: stream b covers positions 7b … 7b + 6. */
    private static final int STREAM = 7;

    private final Random random = new Random(7);
    private final DMatrixRMaj xs = Tensors.gaussian(T, 2, 1.0, random);
    private final DMatrixRMaj ys = Tensors.gaussian(T, 1, 1.0, random);
    private final Recurrent rnn = Recurrent.rnn(2, 3).random(random).build();
    private final Cell cell = rnn.cell(0, 0);
    private final Dense head = Dense.random(3, 1, random);
    private final SequenceModel model = SequenceModel.of(rnn, head);
    private final Parameters parameters = model.parameters();

    /** The batch × width matrix of step t of window i, built from the stream layout, not by the sampler. */
    private static Node stepOf(DMatrixRMaj source, int window, int t) {
        DMatrixRMaj m = new DMatrixRMaj(BATCH, source.numCols);
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < source.numCols; j++) {
                m.set(b, j, source.get(b * STREAM + window * K + t, j));
            }
        }
        return Node.constant(m);
    }

    /** Runs window i's k steps by hand from a given h, returning the last h and adding the step losses to a list. */
    private Node byHand(int window, Node h, List<Node> stepLosses) {
        for (int t = 0; t < K; t++) {
            h = cell.step(stepOf(xs, window, t), State.of(h)).h();
            stepLosses.add(Ops.mse(head.forward(h), stepOf(ys, window, t)));
        }
        return h;
    }

    private static Node mean(List<Node> stepLosses) {
        Node sum = stepLosses.get(0);
        for (int t = 1; t < stepLosses.size(); t++) {
            sum = sum.add(stepLosses.get(t));
        }
        return sum.scale(1.0 / stepLosses.size());
    }

    private Map<String, DMatrixRMaj> gradients() {
        Map<String, DMatrixRMaj> g = new LinkedHashMap<>();
        parameters.forEach(e -> g.put(e.getKey(), e.getValue().grad().copy()));
        return g;
    }

    @Test
    void aWindowsGradientsAreThoseOfTheTruncatedGraph() {
        List<Window> windows = SequenceSampler.of(xs, ys).sequential(BATCH, K);
        assertEquals(2, windows.size());
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::mse);
        tbptt.loss(windows.get(0));
        parameters.zeroGrad();
        Node loss = tbptt.loss(windows.get(1));
        loss.backward();
        Map<String, DMatrixRMaj> truncated = gradients();

        // By hand: window 0 from zeros, its last h copied into a constant, then window 1 from that constant.
        Node h = byHand(0, Node.constant(Tensors.zeros(BATCH, 3)), new ArrayList<>());
        Node cut = Node.constant(h.value().copy());
        List<Node> stepLosses = new ArrayList<>();
        byHand(1, cut, stepLosses);
        Node expected = mean(stepLosses);
        parameters.zeroGrad();
        expected.backward();
        assertEquals(expected.scalar(), loss.scalar(), 1e-12);
        truncated.forEach((name, g) -> assertArrayEquals(parameters.get(name).grad().data, g.data, 1e-12, name));

        // Full BPTT: the same loss on window 1, but the graph runs back through window 0 too.
        List<Node> fullLosses = new ArrayList<>();
        byHand(1, byHand(0, Node.constant(Tensors.zeros(BATCH, 3)), new ArrayList<>()), fullLosses);
        Node full = mean(fullLosses);
        assertEquals(loss.scalar(), full.scalar(), 1e-12, "same forward values");
        parameters.zeroGrad();
        full.backward();
        double difference = maxDifference(truncated.get("rnn.weight_hh_l0"), parameters.get("rnn.weight_hh_l0").grad());
        assertTrue(difference > 1e-4, "full BPTT's ∂L/∂W_hh differs from the truncated one, by " + difference);
    }

    private static double maxDifference(DMatrixRMaj a, DMatrixRMaj b) {
        double max = 0;
        for (int i = 0; i < a.data.length; i++) {
            max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
        }
        return max;
    }

    @Test
    void theCarriedStateIsCutOffFromThePreviousWindow() {
        SequenceModel lstmModel = SequenceModel.of(Recurrent.lstm(2, 3).layers(2).random(random).build(), head);
        List<Window> windows = SequenceSampler.of(xs, ys).sequential(BATCH, K);
        TruncatedBPTT tbptt = new TruncatedBPTT(lstmModel, LossAveragedOverTime::mse);
        Node first = tbptt.loss(windows.get(0));
        List<State> carried = tbptt.carriedStates();
        assertEquals(2, carried.size(), "one state per layer");
        for (State s : carried) {
            assertTrue(s.h().isLeaf() && !s.h().requiresGrad(), "h is a constant");
            assertTrue(s.c().isLeaf() && !s.c().requiresGrad(), "c is a constant");
        }
        Node second = tbptt.loss(windows.get(1));

        Set<Node> firstGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        firstGraph.addAll(Graph.topologicalOrder(first));
        Set<Node> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : Graph.topologicalOrder(second)) {
            if (firstGraph.contains(node)) {
                shared.add(node);
            }
        }
        Set<Node> params = Collections.newSetFromMap(new IdentityHashMap<>());
        params.addAll(lstmModel.parameters().nodes());
        assertEquals(params, shared, "the second window's graph meets the first only at the parameters");

        // Backward on the second window leaves no gradient in any node of the first window's graph.
        lstmModel.parameters().zeroGrad();
        second.backward();
        for (Node node : firstGraph) {
            if (!params.contains(node)) {
                assertArrayEquals(new double[node.rows() * node.cols()], node.grad().data, 0,
                        "no gradient reached " + node.describe());
            }
        }
        Window w = windows.get(0);
        List<State> end = lstmModel.forward(w.inputs(), lstmModel.initialStates(BATCH)).finalStates();
        for (int layer = 0; layer < 2; layer++) {
            assertArrayEquals(end.get(layer).h().value().data, carried.get(layer).h().value().data, 0,
                    "layer " + layer + " carries its h at the end of the first window");
            assertArrayEquals(end.get(layer).c().value().data, carried.get(layer).c().value().data, 0);
        }
    }

    @Test
    void aBidirectionalRnnCannotCarryState() {
        Dense headForBothDirections = Dense.random(6, 2, new Random(0));
        fails(() -> SequenceModel.of(Recurrent.lstm(2, 3).bidirectional(true).build(), headForBothDirections),
                "SequenceModel",
                "bidirectional", "unidirectional");
    }

    @Test
    void sequentialWindowsContinueEveryStream() {
        List<Window> windows = SequenceSampler.of(xs, ys).sequential(BATCH, K);
        assertArrayEquals(new int[] {0, STREAM}, windows.get(0).starts());
        assertArrayEquals(new int[] {K, STREAM + K}, windows.get(1).starts());
        assertFalse(windows.get(0).carriesState());
        assertTrue(windows.get(1).carriesState());
        assertEquals(xs.get(STREAM + K + 2, 1), windows.get(1).inputs().get(2).get(1, 1), 0,
                "row 1, step 2 of window 1 is position 7 + 3 + 2");
        List<Window> shifted = SequenceSampler.of(xs, ys).sequential(BATCH, K, new Random(1));
        int offset = shifted.get(0).starts()[0];
        assertTrue(offset >= 0 && offset < K, "offset " + offset + " in [0, k)");
        int length = (T - offset) / BATCH;
        assertEquals(length / K, shifted.size());
        for (int i = 0; i < shifted.size(); i++) {
            assertArrayEquals(new int[] {offset + i * K, offset + length + i * K}, shifted.get(i).starts());
        }
    }

    @Test
    void randomWindowsStartFromZeroAtDistinctPlaces() {
        List<Window> windows = SequenceSampler.of(xs, ys).random(BATCH, K, new Random(3));
        Set<Integer> starts = new HashSet<>();
        for (Window w : windows) {
            assertFalse(w.carriesState());
            for (int s : w.starts()) {
                assertTrue(starts.add(s), "start " + s + " used once");
                assertEquals(starts.iterator().next() % K, s % K, "every start is offset + j·k");
            }
        }
        assertEquals(2, windows.size(), "⌊(14 − offset)/3⌋ = 4 windows make 2 batches of 2");
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::mse);
        tbptt.loss(windows.get(0));
        Node loss = tbptt.loss(windows.get(1));
        Window w = windows.get(1);
        Node fromZero = LossAveragedOverTime.mse(model.forward(w.inputs(), model.initialStates(BATCH)).predictions(), w.targets());
        assertEquals(fromZero.scalar(), loss.scalar(), 0, "no state is carried into a random window");
    }

    @Test
    void tokensBecomeOneHotInputsAndNextTokenTargets() {
        Window w = SequenceSampler.ofTokens(new int[] {0, 2, 1, 2, 0}, 3).sequential(1, 4).get(0);
        assertArrayEquals(new double[] {0, 0, 1}, w.inputs().get(1).value().data, 0, "token 2 at step 1");
        assertArrayEquals(new double[] {0, 1, 0}, w.targets().get(1).value().data, 0, "token 1 follows it");
        assertArrayEquals(new double[] {1, 0, 0}, w.targets().get(3).value().data, 0, "the last target is token 0");
        Window series = SequenceSampler.ofSeries(new double[] {1, 2, 3, 4}).sequential(1, 3).get(0);
        assertEquals(3, series.inputs().get(2).scalar());
        assertEquals(4, series.targets().get(2).scalar());
    }

    @Test
    void tokenIdWindowsCarryTheIdsAsIntegersAndAsTheSameNumbers() {
        int[] corpus = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
        DMatrixRMaj in = new DMatrixRMaj(corpus.length - 1, 1);
        DMatrixRMaj out = new DMatrixRMaj(corpus.length - 1, 1);
        for (int p = 0; p + 1 < corpus.length; p++) {
            in.set(p, 0, corpus[p]);
            out.set(p, 0, corpus[p + 1]);
        }
        List<Window> byIds = SequenceSampler.ofTokenIds(corpus).sequential(2, 3);
        List<Window> asNumbers = SequenceSampler.of(in, out).sequential(2, 3);
        assertEquals(asNumbers.size(), byIds.size());
        for (int i = 0; i < byIds.size(); i++) {
            Window w = byIds.get(i);
            assertTrue(w.hasIds() && !asNumbers.get(i).hasIds());
            assertArrayEquals(asNumbers.get(i).starts(), w.starts());
            for (int t = 0; t < w.steps(); t++) {
                assertArrayEquals(asNumbers.get(i).inputs().get(t).value().data, w.inputs().get(t).value().data, 0);
                assertArrayEquals(asNumbers.get(i).targets().get(t).value().data, w.targets().get(t).value().data, 0);
                for (int b = 0; b < w.batchSize(); b++) {
                    assertEquals(corpus[w.starts()[b] + t], w.inputIds()[t][b]);
                    assertEquals(corpus[w.starts()[b] + t + 1], w.targetIds()[t][b]);
                }
            }
        }
        IllegalStateException noIds = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> asNumbers.get(0).inputIds());
        assertTrue(noIds.getMessage().contains("real-valued") && noIds.getMessage().contains("ofTokenIds"));
        fails(() -> SequenceSampler.ofTokenIds(new int[] {0, -2}), "token -2", "position 1");
    }

    @Test
    void onTargetIdsGivesTheLossOfTheIdsReadBackFromNumbers() {
        int[] corpus = {0, 2, 1, 3, 3, 0, 1, 2, 2, 1, 0, 3, 1, 2, 0};
        Recurrent lstm = Recurrent.lstm(1, 4).random(new Random(3)).build();
        Dense classes = Dense.random(4, 4, new Random(4));
        List<Window> windows = SequenceSampler.ofTokenIds(corpus).sequential(2, 3);
        TruncatedBPTT byIds = TruncatedBPTT.onTargetIds(SequenceModel.of(lstm, classes),
                LossAveragedOverTime::crossEntropy);
        TruncatedBPTT byNumbers = new TruncatedBPTT(SequenceModel.of(lstm, classes), (logits, targets) ->
                LossAveragedOverTime.crossEntropy(logits, targets.stream().map(y -> java.util.Arrays.stream(
                        y.value().data).mapToInt(v -> (int) v).toArray()).toArray(int[][]::new)));
        for (Window w : windows) {
            assertEquals(byNumbers.loss(w).scalar(), byIds.loss(w).scalar(), 0);
        }
    }

    @Test
    void badSamplingInput() {
        SequenceSampler sampler = SequenceSampler.of(xs, ys);
        fails(() -> sampler.sequential(4, 5), "sequential", "14 steps is too short", "4 windows of 5 steps");
        fails(() -> sampler.random(8, 3, new Random(0)), "random", "too short");
        fails(() -> sampler.sequential(0, 3), "batch size", "at least 1", "0");
        fails(() -> sampler.sequential(2, 0), "window length", "0");
        fails(() -> SequenceSampler.of(xs, Tensors.zeros(3, 1)), "14 input rows but 3 target rows");
        fails(() -> SequenceSampler.ofTokens(new int[] {0, 5}, 3), "token 5", "position 1", "[0, 3)");
        fails(() -> SequenceSampler.ofTokens(new int[] {1}, 3), "at least 2");
        fails(() -> SequenceSampler.ofSeries(new double[0]), "ofSeries", "got 0");
    }

    @Test
    void aCarriedStateMustFitTheBatch() {
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::mse);
        tbptt.loss(SequenceSampler.of(xs, ys).sequential(2, K).get(0));
        Window three = SequenceSampler.of(xs, ys).sequential(3, 2).get(1);
        fails(() -> tbptt.loss(three), "TruncatedBPTT", "2 rows", "3");
        tbptt.reset();
        assertEquals(null, tbptt.carriedStates());
    }
}
