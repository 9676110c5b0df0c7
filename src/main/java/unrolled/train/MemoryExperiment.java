package unrolled.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import unrolled.graph.Node;
import unrolled.lesson.Timing;
import unrolled.graph.Ops;
import unrolled.nn.ManyToOne;
import unrolled.nn.Recurrent;

/**
 * Trains a recurrent network on a {@link RecallTask} with a fixed budget and measures how well it remembers: the
 * network reads the sequence, a dense head maps h_T to C logits ({@link ManyToOne}), the loss is softmax
 * cross-entropy, the optimiser Adam. Every network gets the same budget — epochs, batches, batch size, learning
 * rate and the seed of the data and the head — so an LSTM and an Elman RNN can be compared fairly:
 * <pre>{@code
 * var task = new RecallTask(4, 30, 5);
 * var experiment = new MemoryExperiment(task, 30, 50, 32, 0.01, 1);
 * experiment.run("LSTM", Recurrent.lstm(task.inputSize(), 16).seed(1).build().withForgetBias(3));
 * experiment.run("RNN", Recurrent.rnn(task.inputSize(), 16).seed(1).build());
 * }</pre>
 */
public final class MemoryExperiment {

    /** The accuracy and cross-entropy on 1000 fresh test sequences after training, and the training time. */
    public record Result(String name, double accuracy, double loss, double seconds, History history) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: accuracy %.3f, loss %.4f, ", name, accuracy, loss) + Timing.format(seconds);
        }
    }

    private final RecallTask task;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int batchSize;
    private final double learningRate;
    private final long seed;
    private TrainingListener[] listeners = TrainingListener.defaults().toArray(new TrainingListener[0]);

    public MemoryExperiment(RecallTask task, int epochs, int batchesPerEpoch, int batchSize,
                            double learningRate, long seed) {
        HyperParameters.requireCount("MemoryExperiment", "batches per epoch", batchesPerEpoch);
        HyperParameters.requireCount("MemoryExperiment", "batch size", batchSize);
        HyperParameters.requirePositive("MemoryExperiment", "learning rate", learningRate);
        this.task = task;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** Replaces the progress reporting of the training (by default a line per epoch, and a chart in IJava). */
    public MemoryExperiment listeners(TrainingListener... listeners) {
        this.listeners = listeners.clone();
        return this;
    }

    /**
     * Trains the rnn, with a dense head initialised from the seed, and tests it on 1000 fresh sequences.
     *
     * @param name what to call the network in the result
     * @param rnn  a freshly initialised, unidirectional or bidirectional rnn reading the task's inputs
     */
    @SuppressWarnings("try") // the handle only needs closing
    public Result run(String name, Recurrent rnn) {
        ManyToOne model = ManyToOne.of(rnn, task.classes(), seed);
        Random data = new Random(seed + 1);
        model.train();
        History history = new Trainer(new Adam(model.parameters(), learningRate)).listeners(listeners)
                .fit(epochs, () -> batches(data),
                        batch -> Ops.softmaxCrossEntropy(model.forward(batch.inputs()), batch.labels()));
        model.eval();
        RecallTask.Batch test = task.batch(1000, new Random(seed + 2));
        try (var noGraph = Node.noGrad()) {
            Node logits = model.forward(test.inputs());
            return new Result(name, accuracy(logits, test.labels()),
                    Ops.softmaxCrossEntropy(logits, test.labels()).scalar(), history.totalSeconds(), history);
        }
    }

    private List<RecallTask.Batch> batches(Random data) {
        List<RecallTask.Batch> batches = new ArrayList<>(batchesPerEpoch);
        for (int i = 0; i < batchesPerEpoch; i++) {
            batches.add(task.batch(batchSize, data));
        }
        return batches;
    }

    /** The fraction of rows whose largest logit is at the label. */
    static double accuracy(Node logits, int[] labels) {
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            int best = 0;
            for (int c = 1; c < logits.cols(); c++) {
                if (logits.get(r, c) > logits.get(r, best)) {
                    best = c;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
