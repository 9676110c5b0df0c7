package unrolled.train;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import unrolled.lesson.Timing;
import unrolled.plot.Charts;

/**
 * What a {@link Trainer} recorded, one number per epoch, as arrays ready to plot: the mean training loss, its
 * perplexity exp(loss) when asked for, the validation loss when a validation function was given, the mean global
 * gradient norm before clipping, and the wall time.
 */
public final class History {

    private final int plannedEpochs;
    private final boolean tracksPerplexity;
    private final boolean tracksValidation;
    private final List<double[]> rows = new ArrayList<>();

    private static final int LOSS = 0;
    private static final int VALIDATION = 1;
    private static final int GRADIENT_NORM = 2;
    private static final int SECONDS = 3;

    History(int plannedEpochs, boolean tracksPerplexity, boolean tracksValidation) {
        this.plannedEpochs = plannedEpochs;
        this.tracksPerplexity = tracksPerplexity;
        this.tracksValidation = tracksValidation;
    }

    void record(double loss, double validationLoss, double gradientNorm, double seconds) {
        rows.add(new double[] {loss, validationLoss, gradientNorm, seconds});
    }

    /** The number of epochs finished. */
    public int epochs() {
        return rows.size();
    }

    /** The number of epochs the training was asked to run. */
    public int plannedEpochs() {
        return plannedEpochs;
    }

    /** The mean training loss of each epoch (the mean over its steps). */
    public double[] loss() {
        return column(LOSS);
    }

    /** exp(loss) of each epoch, or an empty array unless the trainer was asked for {@link Trainer#perplexity()}. */
    public double[] perplexity() {
        if (!tracksPerplexity) {
            return new double[0];
        }
        return rows.stream().mapToDouble(r -> LossAveragedOverTime.perplexity(r[LOSS])).toArray();
    }

    /** The validation loss after each epoch, or an empty array when no validation function was given. */
    public double[] validationLoss() {
        return tracksValidation ? column(VALIDATION) : new double[0];
    }

    /** The mean over each epoch's steps of the global gradient norm ‖g‖ before clipping. */
    public double[] gradientNorm() {
        return column(GRADIENT_NORM);
    }

    /** The wall time of each epoch in seconds, validation included. */
    public double[] epochSeconds() {
        return column(SECONDS);
    }

    /** The wall time of all epochs in seconds. */
    public double totalSeconds() {
        return rows.stream().mapToDouble(r -> r[SECONDS]).sum();
    }

    /** Whether perplexity was recorded each epoch. */
    public boolean hasPerplexity() {
        return tracksPerplexity;
    }

    /** Whether a validation loss was recorded each epoch. */
    public boolean hasValidation() {
        return tracksValidation;
    }

    /**
     * The report of one epoch (1-based), for example {@code epoch 3/20  loss 0.4821  ppl 1.62  val 0.5012  1.3 s}.
     */
    public String progressLine(int epoch) {
        if (epoch < 1 || epoch > rows.size()) {
            throw new IllegalArgumentException("History: no epoch " + epoch + "; epochs 1 to " + rows.size()
                    + " are recorded");
        }
        double[] r = rows.get(epoch - 1);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %s", epoch,
                plannedEpochs, LossFormat.format(r[LOSS])));
        if (tracksPerplexity) {
            s.append(String.format(Locale.ROOT, "  ppl %.2f", LossAveragedOverTime.perplexity(r[LOSS])));
        }
        if (tracksValidation) {
            s.append("  val ").append(LossFormat.format(r[VALIDATION]));
        }
        return s.append("  ").append(Timing.format(r[SECONDS])).toString();
    }

    /** The loss curve (training and, if recorded, validation loss against epoch) under a title. */
    public BufferedImage chart(String title) {
        return Charts.lossCurve(title, loss(), tracksValidation ? validationLoss() : null);
    }

    /** The loss curve titled "Training loss". */
    public BufferedImage chart() {
        return chart("Training loss");
    }

    private double[] column(int index) {
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    /** Every epoch's progress line, then the total time. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int epoch = 1; epoch <= rows.size(); epoch++) {
            s.append(progressLine(epoch)).append('\n');
        }
        return s.append(rows.size()).append(" epochs in ").append(Timing.format(totalSeconds())).toString();
    }
}
