package unrolled.train;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * The training loop. Every step is
 * <pre>
 *   zeroGrad → L = loss(batch) (the forward pass) → backward → [clip] → optimiser.step
 * </pre>
 * and every epoch goes once over the batches, records the mean loss of its steps (and exp of it, the perplexity,
 * when asked), the mean gradient norm, the validation loss when a validation function is given, and the wall time,
 * then tells the {@link TrainingListener}s. If the loss, a gradient or a parameter becomes NaN or Inf, training
 * stops with {@link TrainingDiverged}, the parameters as they were before that step's update. So it does when the
 * loss of a step grows to more than {@value #DEFAULT_MAX_LOSS_GROWTH} times the loss of the first step while staying
 * finite (an exploding run can reach 1e299 without overflowing); {@link #lossGrowth} changes the factor or only warns.
 *
 * <pre>{@code
 * var trainer = new Trainer(new Adam(model.parameters(), 1e-2)).clipGradNorm(1.0).perplexity();
 * History h = trainer.fit(20, () -> sampler.sequential(32, 35), tbptt::loss);
 * }</pre>
 */
public final class Trainer {

    /** The default of {@link #lossGrowth}: a step loss above 10⁶ times the first step's loss means divergence. */
    public static final double DEFAULT_MAX_LOSS_GROWTH = 1e6;

    private final Optimizer optimizer;
    private double maxLossGrowth = DEFAULT_MAX_LOSS_GROWTH;
    private boolean stopOnLossGrowth = true;
    private Double maxNorm;
    private Double clipValue;
    private boolean perplexity;
    private DoubleSupplier validation;
    private List<TrainingListener> listeners = TrainingListener.defaults();

    /** A trainer that updates the parameters with this optimizer. */
    public Trainer(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException("Trainer: need an optimizer");
        }
        this.optimizer = optimizer;
    }

    /** Clips the gradients to a global L2 norm of at most maxNorm before each update ({@link Clipping}). */
    public Trainer clipGradNorm(double maxNorm) {
        HyperParameters.requirePositive("Trainer.clipGradNorm", "maxNorm", maxNorm);
        this.maxNorm = maxNorm;
        return this;
    }

    /** Clamps every gradient entry to [−clipValue, clipValue] before each update ({@link Clipping}). */
    public Trainer clipGradValue(double clipValue) {
        HyperParameters.requirePositive("Trainer.clipGradValue", "clipValue", clipValue);
        this.clipValue = clipValue;
        return this;
    }

    /**
     * What a loss that keeps growing while finite does: once a step's loss is more than {@code maxGrowth} times the
     * first step's loss, training stops with {@link TrainingDiverged} ({@code stop}) or prints one warning to
     * System.err and goes on. The default is (1e6, stop); {@code Double.POSITIVE_INFINITY} turns the check off.
     */
    public Trainer lossGrowth(double maxGrowth, boolean stop) {
        if (!(maxGrowth > 1)) {
            throw new IllegalArgumentException("Trainer.lossGrowth: maxGrowth must be more than 1, got " + maxGrowth);
        }
        this.maxLossGrowth = maxGrowth;
        this.stopOnLossGrowth = stop;
        return this;
    }

    /** Also reports the perplexity exp(loss), for a cross-entropy loss. */
    public Trainer perplexity() {
        this.perplexity = true;
        return this;
    }

    /** A function computing the validation loss, called after every epoch with graph building off. */
    public Trainer validation(DoubleSupplier validationLoss) {
        this.validation = validationLoss;
        return this;
    }

    /** Replaces the default reporting (progress lines, and a live chart in IJava); none at all is silent. */
    public Trainer listeners(TrainingListener... listeners) {
        this.listeners = List.of(listeners);
        return this;
    }

    /**
     * Trains for a number of epochs.
     *
     * @param epochs  how many passes, ≥ 1
     * @param batches gives the batches of one epoch; called once per epoch, so it may shuffle or resample
     * @param loss    builds the graph of one batch and returns its 1×1 loss
     * @return the per-epoch record
     * @throws TrainingDiverged if the loss, a gradient or a parameter becomes NaN or Inf, or the loss grows past
     *                          {@link #lossGrowth} times its first value
     */
    public <B> History fit(int epochs, Supplier<? extends Iterable<? extends B>> batches,
                           Function<? super B, Node> loss) {
        HyperParameters.requireCount("Trainer.fit", "epochs", epochs);
        History history = new History(epochs, perplexity, validation != null);
        Divergence guard = new Divergence(optimizer.parameters(), history, maxLossGrowth, stopOnLossGrowth);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            double normSum = 0;
            int step = 0;
            for (B batch : batches.get()) {
                step++;
                optimizer.zeroGrad();
                double[] lossAndNorm = step(loss.apply(batch), guard, epoch, step);
                lossSum += lossAndNorm[0];
                normSum += lossAndNorm[1];
            }
            if (step == 0) {
                throw new IllegalArgumentException("Trainer.fit: epoch " + epoch + " has no batches");
            }
            double validationLoss = validate(guard, epoch);
            history.record(lossSum / step, validationLoss, normSum / step, (System.nanoTime() - start) / 1e9);
            listeners.forEach(listener -> listener.epochEnded(history));
        }
        return history;
    }

    /** {@link #fit(int, Supplier, Function)} over the same batches every epoch. */
    public <B> History fit(int epochs, List<? extends B> batches, Function<? super B, Node> loss) {
        return fit(epochs, () -> batches, loss);
    }

    /** backward → checks → clip → update, from a loss whose graph was just built; returns the loss and ‖g‖. */
    private double[] step(Node lossNode, Divergence guard, int epoch, int step) {
        double loss = lossNode.scalar();
        guard.checkLoss(loss, epoch, step);
        guard.checkGrowth(loss, epoch, step);
        lossNode.backward();
        guard.checkGradients(loss, epoch, step);
        Parameters parameters = optimizer.parameters();
        double norm = maxNorm != null ? Clipping.clipGradNorm(parameters, maxNorm) : Clipping.totalNorm(parameters);
        if (clipValue != null) {
            Clipping.clipGradValue(parameters, clipValue);
        }
        guard.save();
        optimizer.step();
        guard.checkUpdate(epoch, step);
        return new double[] {loss, norm};
    }

    @SuppressWarnings("try") // the handle only needs closing
    private double validate(Divergence guard, int epoch) {
        if (validation == null) {
            return Double.NaN;
        }
        double loss;
        try (var ignored = Node.noGrad()) {
            loss = validation.getAsDouble();
        }
        guard.checkValidation(loss, epoch);
        return loss;
    }

    /** The optimizer the trainer steps. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** For example {@code Trainer(Adam(lr=0.01, betas=(0.9, 0.999), eps=1.0E-8), clipGradNorm=1.0)}. */
    @Override
    public String toString() {
        return "Trainer(" + optimizer + (maxNorm == null ? "" : ", clipGradNorm=" + maxNorm)
                + (clipValue == null ? "" : ", clipGradValue=" + clipValue)
                + (maxLossGrowth == DEFAULT_MAX_LOSS_GROWTH && stopOnLossGrowth ? ""
                        : ", lossGrowth=" + maxLossGrowth + (stopOnLossGrowth ? "" : " (warn)"))
                + (perplexity ? ", perplexity" : "")
                + (validation == null ? "" : ", validation") + ")";
    }
}
