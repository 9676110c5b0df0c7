package unrolled.train;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import unrolled.graph.Node;
import unrolled.nn.Parameters;

/**
 * The Trainer's guard against NaN and Inf: checks the loss, every gradient after backward and every parameter after
 * the update, and restores the parameters saved before the update if the update made one non-finite. It also
 * catches a loss that stays finite while it explodes (SGD with lr = 10 on an LSTM reaches 1e299 without overflowing):
 * a step whose loss exceeds {@code maxGrowth} times the first step's loss stops training, or only warns once.
 */
final class Divergence {

    private static final String ADVICE = " — the gradients exploded; try a smaller learning rate or gradient clipping";

    private final Parameters parameters;
    private final List<Node> nodes;
    private final double[][] saved;
    private final History history;
    private final double maxGrowth;
    private final boolean stopOnGrowth;
    private double startLoss = Double.NaN;
    private int startEpoch;
    private int startStep;
    private boolean warned;

    Divergence(Parameters parameters, History history) {
        this(parameters, history, Double.POSITIVE_INFINITY, true);
    }

    /**
     * @param maxGrowth    how many times its first value the loss may grow to (infinity: no limit)
     * @param stopOnGrowth throw {@link TrainingDiverged} when it does; else print one warning and go on
     */
    Divergence(Parameters parameters, History history, double maxGrowth, boolean stopOnGrowth) {
        this.parameters = parameters;
        this.nodes = parameters.nodes();
        this.saved = new double[nodes.size()][];
        this.history = history;
        this.maxGrowth = maxGrowth;
        this.stopOnGrowth = stopOnGrowth;
    }

    /**
     * Throws (or warns once) if a finite loss is more than maxGrowth times the first step's loss; the first call
     * records that starting value. Runs before backward, so the parameters are those before this step's update.
     */
    void checkGrowth(double loss, int epoch, int step) {
        if (Double.isNaN(startLoss)) {
            startLoss = loss;
            startEpoch = epoch;
            startStep = step;
            return;
        }
        if (warned || startLoss == 0 || !(Math.abs(loss) > maxGrowth * Math.abs(startLoss))) {
            return;
        }
        String message = "loss grew to " + LossFormat.format(loss) + " at epoch " + epoch + ", step " + step
                + ", more than " + LossFormat.factor(maxGrowth) + " times its starting value "
                + LossFormat.format(startLoss) + " (epoch " + startEpoch + ", step " + startStep
                + "): training diverged though the loss is still finite" + ADVICE;
        if (stopOnGrowth) {
            throw diverged(message + " (Trainer.lossGrowth sets the factor, or only warns)", epoch, step);
        }
        warned = true;
        System.err.println("warning: " + message + "; training goes on (Trainer.lossGrowth warns only)");
    }

    /** Throws if the loss is NaN or Inf. */
    void checkLoss(double loss, int epoch, int step) {
        if (!Double.isFinite(loss)) {
            throw diverged("loss became " + name(loss) + " at epoch " + epoch + ", step " + step
                    + (epoch == 1 && step == 1 ? " — before any update: check the inputs and the initial parameters"
                    : ADVICE), epoch, step);
        }
    }

    /** Throws naming the first parameter whose gradient holds a NaN or Inf. */
    void checkGradients(double loss, int epoch, int step) {
        for (Map.Entry<String, Node> e : parameters) {
            double bad = firstNonFinite(e.getValue().grad());
            if (!Double.isFinite(bad)) {
                throw diverged("the gradient of " + e.getKey() + " became " + name(bad) + " at epoch " + epoch
                        + ", step " + step + " (loss " + loss + ")" + ADVICE, epoch, step);
            }
        }
    }

    /** Keeps a copy of every parameter's values, to restore if the coming update goes wrong. */
    void save() {
        for (int i = 0; i < nodes.size(); i++) {
            double[] values = nodes.get(i).value().data;
            if (saved[i] == null || saved[i].length != values.length) {
                saved[i] = new double[values.length];
            }
            System.arraycopy(values, 0, saved[i], 0, values.length);
        }
    }

    /** Throws, after restoring the saved values, if the update left a parameter with a NaN or Inf. */
    void checkUpdate(int epoch, int step) {
        for (Map.Entry<String, Node> e : parameters) {
            double bad = firstNonFinite(e.getValue().value());
            if (!Double.isFinite(bad)) {
                restore();
                throw diverged("the update made " + e.getKey() + " " + name(bad) + " at epoch " + epoch + ", step "
                        + step + "; the parameters are restored to their values before that step" + ADVICE,
                        epoch, step);
            }
        }
    }

    /** Throws if the validation loss after an epoch is NaN or Inf. */
    void checkValidation(double loss, int epoch) {
        if (!Double.isFinite(loss)) {
            throw diverged("the validation loss became " + name(loss) + " after epoch " + epoch
                    + " while the training loss stayed finite — check the validation data", epoch, 0);
        }
    }

    private void restore() {
        for (int i = 0; i < nodes.size(); i++) {
            System.arraycopy(saved[i], 0, nodes.get(i).value().data, 0, saved[i].length);
        }
    }

    private TrainingDiverged diverged(String message, int epoch, int step) {
        return new TrainingDiverged(message, epoch, step, history);
    }

    /** The first entry that is NaN or infinite, or 0 if all are finite. */
    private static double firstNonFinite(DMatrixRMaj m) {
        for (double x : m.data) {
            if (!Double.isFinite(x)) {
                return x;
            }
        }
        return 0;
    }

    private static String name(double x) {
        return Double.isNaN(x) ? "NaN" : (x > 0 ? "Inf" : "-Inf");
    }
}
