package unrolled.train;

import java.util.List;
import java.util.function.BiFunction;
import unrolled.graph.Node;
import unrolled.graph.Ops;

/**
 * Losses over a sequence of T predictions, one batch × features node per time step, built from the graph's ops so
 * that backward() through them is BPTT. Each <b>averages</b> the per-step loss over the steps:
 * L = (1/T) Σ_t ℓ(ŷ_t, y_t). (The sum over time of the BPTT derivations, E = Σ_t E_t, is
 * {@code unrolled.analysis.LossSummedOverTime}.)
 */
public final class LossAveragedOverTime {

    private LossAveragedOverTime() {}

    /**
     * Mean squared error over steps and entries: L = (1/T) Σ_t (1/N) Σ_i (ŷ_{t,i} − y_{t,i})², N entries per step
     * (when every step has the same shape, the mean over all T·N entries).
     *
     * @param predictions ŷ_1 … ŷ_T
     * @param targets     y_1 … y_T, each the shape of its prediction (usually constants)
     */
    public static Node mse(List<Node> predictions, List<Node> targets) {
        return meanOverSteps("LossAveragedOverTime.mse", predictions, targets, Ops::mse);
    }

    /**
     * Softmax cross-entropy over steps and rows against class indices:
     * L = −(1/T) Σ_t (1/n) Σ_r log softmax(z_{t,r})[classes[t][r]].
     *
     * @param logits  z_1 … z_T, each batch × classes
     * @param classes classes[t][r] is the class of row r at step t
     */
    public static Node crossEntropy(List<Node> logits, int[][] classes) {
        return meanOverSteps("LossAveragedOverTime.crossEntropy", logits, classes == null ? null : List.of(classes),
                Ops::softmaxCrossEntropy);
    }

    /**
     * Softmax cross-entropy over steps and rows against a target distribution per row (one-hot rows for classes):
     * L = −(1/T) Σ_t (1/n) Σ_r Σ_k y_{t,r,k} log softmax(z_{t,r})_k.
     */
    public static Node crossEntropy(List<Node> logits, List<Node> targets) {
        return meanOverSteps("LossAveragedOverTime.crossEntropy", logits, targets,
                (z, y) -> Ops.softmaxCrossEntropy(z, y.value()));
    }

    /** Perplexity exp(L) of the mean cross-entropy L over the sequence, as a node of the graph. */
    public static Node perplexity(List<Node> logits, int[][] classes) {
        return crossEntropy(logits, classes).exp();
    }

    /**
     * Perplexity = exp(mean cross-entropy): the number of equally likely choices the model is as unsure as.
     * Uniform predictions over V classes have cross-entropy ln V and perplexity V.
     */
    public static double perplexity(double meanCrossEntropy) {
        return Math.exp(meanCrossEntropy);
    }

    /** (1/T) Σ_t loss(prediction_t, target_t), checking that there are T ≥ 1 of each. */
    private static <T> Node meanOverSteps(String name, List<Node> predictions, List<T> targets,
                                          BiFunction<Node, T, Node> loss) {
        if (predictions == null || predictions.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty sequence; need at least one time step");
        }
        if (targets == null || targets.size() != predictions.size()) {
            throw new IllegalArgumentException(name + ": " + predictions.size() + " predictions but "
                    + (targets == null ? "no" : targets.size()) + " targets; need one target per time step");
        }
        Node total = null;
        for (int t = 0; t < predictions.size(); t++) {
            Node step;
            try {
                step = loss.apply(predictions.get(t), targets.get(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": at time step " + t + ": " + e.getMessage(), e);
            }
            total = total == null ? step : total.add(step);
        }
        return total.scale(1.0 / predictions.size());
    }
}
