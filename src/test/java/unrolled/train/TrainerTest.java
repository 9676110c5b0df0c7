package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.train.Messages.fails;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Ops;
import unrolled.graph.Tensors;
import unrolled.nn.Dense;
import unrolled.nn.Parameters;
import unrolled.nn.Recurrent;

/** The training loop: what it records and reports, and how it stops when training diverges. */
class TrainerTest {

    /** y = 2x − 1 on four points; a batch is one point. */
    private static final double[][] POINTS = {{0, -1}, {1, 1}, {2, 3}, {-1, -3}};

    private final Node w = Node.param("w", 0.0);
    private final Node b = Node.param("b", 0.0);
    private final Parameters line = new Parameters().add("w", w).add("b", b);

    private Node squaredError(double[] point) {
        Node prediction = w.scale(point[0]).add(b);
        return Ops.mse(prediction, Node.constant(Tensors.scalar(point[1])));
    }

    private static double[] values(Parameters p) {
        return p.nodes().stream().flatMapToDouble(n -> Arrays.stream(n.value().data)).toArray();
    }

    @Test
    void recordsOneNumberPerEpochAndTellsTheListeners() {
        List<String> lines = new ArrayList<>();
        int[] validations = {0};
        Trainer trainer = new Trainer(new SGD(line, 0.05)).validation(() -> {
            validations[0]++;
            assertTrue(Node.isNoGrad(), "validation runs without building a graph");
            return squaredError(POINTS[0]).scalar();
        }).listeners(h -> lines.add(h.progressLine(h.epochs())));
        History history = trainer.fit(5, List.of(POINTS), this::squaredError);

        assertEquals(5, history.epochs());
        assertEquals(5, history.loss().length);
        assertEquals(5, history.validationLoss().length);
        assertEquals(0, history.perplexity().length);
        assertEquals(5, validations[0]);
        assertTrue(history.loss()[4] < history.loss()[0] / 4, "the loss falls: " + history);
        assertEquals(5, lines.size());
        assertTrue(lines.get(2).matches("epoch 3/5  loss \\d+\\.\\d{4}  val \\d+\\.\\d{4}  ⏱ .+"), lines.get(2));
        assertTrue(history.totalSeconds() >= 0 && history.epochSeconds().length == 5);
        assertEquals(20, ((SGD) trainer.optimizer()).steps(), "one update per batch");
    }

    @Test
    void eachStepZeroesTheGradientsBeforeBackward() {
        w.scale(100).backward(); // a stale gradient that must not leak into the first step
        Trainer trainer = new Trainer(new SGD(line, 0.1)).listeners();
        trainer.fit(1, List.of(POINTS[1]), this::squaredError);
        // first step from (0, 0) on (1, 1): ∂L/∂w = ∂L/∂b = 2(0 − 1) = −2, so both move by +0.2
        assertArrayEquals(new double[] {0.2, 0.2}, values(line), 1e-15);
    }

    @Test
    void perplexityIsExpOfTheMeanCrossEntropy() {
        Node logits = Node.param("z", Tensors.zeros(1, 3));
        History h = new Trainer(new SGD(List.of(logits), 1e-9)).perplexity().listeners()
                .fit(2, List.of(1), unused -> Ops.softmaxCrossEntropy(logits, 0));
        assertEquals(3, h.perplexity()[0], 1e-6, "uniform over 3 classes");
        assertTrue(h.progressLine(1).matches("epoch 1/2  loss 1\\.0986  ppl 3\\.00  ⏱ .+"), h.progressLine(1));
    }

    @Test
    void printsAPlainProgressLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Trainer(new SGD(line, 0.05)).listeners(TrainingListener.printTo(new PrintStream(out, true,
                StandardCharsets.UTF_8))).fit(2, List.of(POINTS), this::squaredError);
        String[] printed = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(2, printed.length);
        assertTrue(printed[1].matches("epoch 2/2  loss \\d+\\.\\d{4}  ⏱ .+"), printed[1]);
    }

    @Test
    void clipsBeforeTheUpdateAndRecordsTheNormBeforeClipping() {
        Trainer trainer = new Trainer(new SGD(line, 1.0)).clipGradNorm(1e-3).listeners();
        History h = trainer.fit(1, List.of(POINTS[2]), this::squaredError);
        // from (0, 0) on (2, 3): ∂L/∂w = 2·2·(0 − 3) = −12, ∂L/∂b = −6, norm √180
        assertEquals(Math.sqrt(180), h.gradientNorm()[0], 1e-12);
        double k = 1e-3 / (Math.sqrt(180) + 1e-6);
        assertArrayEquals(new double[] {12 * k, 6 * k}, values(line), 1e-15);
        new Trainer(new SGD(line, 1.0)).clipGradValue(0.5).listeners().fit(1, List.of(POINTS[2]), this::squaredError);
        assertArrayEquals(new double[] {12 * k + 0.5, 6 * k + 0.5}, values(line), 1e-12);
    }

    @Test
    void trainsACharacterModelWithTruncatedBptt() {
        int[] corpus = new int[400];
        for (int i = 0; i < corpus.length; i++) {
            corpus[i] = "abcabd".charAt(i % 6) - 'a';
        }
        Random random = new Random(5);
        SequenceModel model = SequenceModel.of(Recurrent.lstm(4, 16).random(random).build().withForgetBias(1),
                Dense.random(16, 4, random));
        SequenceSampler sampler = SequenceSampler.ofTokens(corpus, 4);
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::crossEntropy);
        History h = new Trainer(new Adam(model.parameters(), 0.02)).clipGradNorm(1).perplexity().listeners()
                .fit(15, () -> sampler.sequential(4, 10), tbptt::loss);
        double[] ppl = h.perplexity();
        assertTrue(ppl[0] > 2.5, "starts unsure among 4 characters: " + ppl[0]);
        // after "ab" comes c or d, alternately: a model that remembers 3 steps back reaches perplexity 1
        assertTrue(ppl[14] < 1.2, "learns the pattern, which needs memory across windows of 10: " + h);
    }

    // ---- divergence -------------------------------------------------------------------------------------------

    @Test
    void aHugeLearningRateOnAnRnnStopsWithAClearMessage() {
        Random random = new Random(3);
        double[] series = new double[200];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(0.3 * i);
        }
        SequenceModel model = SequenceModel.of(Recurrent.rnn(1, 8).random(random).build(), Dense.random(8, 1, random));
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::mse);
        List<Window> windows = SequenceSampler.ofSeries(series).sequential(4, 10);
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> new Trainer(new SGD(model.parameters(), 1e6))
                .listeners().fit(50, windows, tbptt::loss));
        System.out.println("huge learning rate: " + e.getMessage());
        assertTrue(e.getMessage().matches(".* at epoch \\d+, step \\d+.*"), e.getMessage());
        assertTrue(e.getMessage().contains("try a smaller learning rate or gradient clipping"), e.getMessage());
        for (double x : values(model.parameters())) {
            assertTrue(Double.isFinite(x), "parameters stay finite");
        }
    }

    /** SGD at lr = 10 on an LSTM: the loss stays finite while it explodes (to about 1e299 when nothing stops it). */
    private static History explodingLstm(java.util.function.UnaryOperator<Trainer> setup) {
        Random random = new Random(3);
        double[] series = new double[200];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(0.3 * i);
        }
        SequenceModel model = SequenceModel.of(Recurrent.lstm(1, 8).random(random).build(), Dense.random(8, 1, random));
        TruncatedBPTT tbptt = new TruncatedBPTT(model, LossAveragedOverTime::mse);
        List<Window> windows = SequenceSampler.ofSeries(series).sequential(4, 10);
        return setup.apply(new Trainer(new SGD(model.parameters(), 10)).listeners()).fit(50, windows, tbptt::loss);
    }

    @Test
    void aFiniteLossThatExplodesStopsWithTheSameKindOfMessage() {
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> explodingLstm(t -> t));
        System.out.println("lr = 10 on an LSTM: " + e.getMessage());
        assertTrue(e.getMessage().matches("loss grew to \\d\\.\\d{4}e\\+\\d+ at epoch " + e.epoch() + ", step " + e.step()
                + ", more than 1e6 times its starting value \\d\\.\\d{4} \\(epoch 1, step 1\\): training diverged though"
                + " the loss is still finite — the gradients exploded; try a smaller learning rate or gradient"
                + " clipping \\(Trainer.lossGrowth sets the factor, or only warns\\)"), e.getMessage());
        assertTrue(e.epoch() < 50 && e.step() >= 1, e.getMessage());
    }

    @Test
    void lossGrowthCanOnlyWarnOrTakeAnotherFactor() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        History h;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            h = explodingLstm(t -> t.lossGrowth(1e6, false));
        } catch (TrainingDiverged overflow) {  // warned only, it runs on until the loss overflows to Inf
            h = overflow.history();
        } finally {
            System.setErr(err);
        }
        String warning = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.println("warn only: " + h.epochs() + " epochs, losses " + java.util.Arrays.toString(h.loss()));
        assertTrue(h.epochs() >= 10, "warn only: training goes on past the warning");
        assertTrue(warning.startsWith("warning: loss grew to ") && warning.contains("more than 1e6 times")
                && warning.endsWith("training goes on (Trainer.lossGrowth warns only)\n")
                && warning.indexOf("warning") == warning.lastIndexOf("warning"), "one warning: " + warning);
        double last = h.loss()[h.epochs() - 1];
        assertTrue(last > 1e100 && Double.isFinite(last), "the loss explodes yet stays finite: " + last);
        assertEquals("3.2150e+299", LossFormat.format(3.215e299));
        assertEquals("0.5123", LossFormat.format(0.51234));
        assertEquals("1.0000e-07", LossFormat.format(1e-7));
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> explodingLstm(t -> t.lossGrowth(1e3, true)));
        assertTrue(e.getMessage().contains("more than 1e3 times its starting value"), e.getMessage());
        fails(() -> new Trainer(new SGD(line, 0.1)).lossGrowth(1, true), "Trainer.lossGrowth", "more than 1");
    }

    @Test
    void aNanLossNamesEpochAndStepAndSkipsTheUpdate() {
        double[][] bad = {POINTS[0], POINTS[1], {Double.NaN, 0}, POINTS[3]};
        double[][] seen = new double[1][];
        int[] epoch = {0};
        Trainer trainer = new Trainer(new SGD(line, 0.05)).listeners(h -> epoch[0] = h.epochs());
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> trainer.fit(3,
                () -> epoch[0] == 1 ? List.of(bad) : List.of(POINTS), point -> {
                    seen[0] = values(line);
                    return squaredError(point);
                }));
        assertEquals("loss became NaN at epoch 2, step 3 — the gradients exploded; try a smaller learning rate or "
                + "gradient clipping", e.getMessage());
        assertEquals(2, e.epoch());
        assertEquals(3, e.step());
        assertArrayEquals(seen[0], values(line), 0, "no update from the failing step");
        assertEquals(1, e.history().epochs(), "the history up to the divergence");
    }

    @Test
    void aNonFiniteGradientNamesTheParameter() {
        // L = w·a + w·b with a = b = 10³⁰⁸ at w = 0: the loss is 0 but ∂L/∂w = a + b overflows to Inf.
        Node w0 = Node.param("w", 0.0);
        Node big = Node.constant(Tensors.scalar(1e308));
        Trainer trainer = new Trainer(new SGD(new Parameters().add("rnn.weight_hh", w0), 0.1)).listeners();
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> trainer.fit(1, List.of(1), unused -> w0.mul(big).add(w0.mul(big))));
        assertTrue(e.getMessage().startsWith("the gradient of rnn.weight_hh became Inf at epoch 1, step 1 (loss 0.0)"),
                e.getMessage());
        assertEquals(0, w0.scalar());
    }

    @Test
    void anUpdateThatOverflowsIsUndone() {
        Node w0 = Node.param("w", 1.0);
        Trainer trainer = new Trainer(new SGD(new Parameters().add("fc.weight", w0), 1e300)).listeners();
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> trainer.fit(1, List.of(1), unused -> w0.scale(1e10)));
        assertTrue(e.getMessage().startsWith("the update made fc.weight -Inf at epoch 1, step 1; the parameters are "
                + "restored"), e.getMessage());
        assertEquals(1.0, w0.scalar(), "restored");
    }

    @Test
    void aNanLossAtTheVeryFirstStepPointsAtTheInputs() {
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> new Trainer(new SGD(line, 0.1)).listeners()
                .fit(1, List.of(new double[] {Double.NaN, 1}), this::squaredError));
        assertTrue(e.getMessage().contains("epoch 1, step 1 — before any update: check the inputs"), e.getMessage());
    }

    // ---- bad input --------------------------------------------------------------------------------------------

    @Test
    void badTrainingInput() {
        Trainer trainer = new Trainer(new SGD(line, 0.1)).listeners();
        fails(() -> trainer.fit(0, List.of(POINTS), this::squaredError), "Trainer.fit", "epochs", "0");
        fails(() -> trainer.fit(2, List.<double[]>of(), this::squaredError), "Trainer.fit: epoch 1 has no batches");
        fails(() -> trainer.clipGradNorm(-1), "Trainer.clipGradNorm", "maxNorm", "-1.0");
        fails(() -> trainer.clipGradValue(0), "Trainer.clipGradValue", "clipValue");
        fails(() -> new Trainer(null), "Trainer", "optimizer");
        fails(() -> new History(1, false, false).progressLine(1), "no epoch 1");
    }

    @Test
    void aLossThatIsNotAScalarIsRefused() {
        Node wide = Node.param("v", Tensors.zeros(1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Trainer(new SGD(List.of(wide), 0.1)).listeners()
                .fit(1, List.of(1), unused -> wide));
    }
}
