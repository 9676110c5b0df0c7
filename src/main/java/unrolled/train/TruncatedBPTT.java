package unrolled.train;

import java.util.List;
import java.util.function.BiFunction;
import unrolled.graph.Node;
import unrolled.nn.Predictions;
import unrolled.nn.State;

/**
 * Truncated backpropagation through time (article 4): a long sequence is processed in windows of k steps, and the
 * graph of each window starts from the previous window's last state <em>detached</em> — the same numbers, cut off
 * from the graph — so backward() on a window's loss runs through at most k steps:
 * <pre>
 *   s₀ = detach(s_end of the previous window)   (every layer's; zeros for a window that does not carry state)
 *   ŷ_1 … ŷ_k, s_end = model(x_1 … x_k, s₀)
 *   L = loss(ŷ_1 … ŷ_k, y_1 … y_k)
 * </pre>
 * Memory and time per update are O(k) instead of O(T), at the price of not learning dependencies longer than k.
 * Use it as the loss of a {@link Trainer}: {@code trainer.fit(epochs, () -> sampler.sequential(32, 35), tbptt::loss)}.
 */
public final class TruncatedBPTT {

    private final SequenceModel model;
    private final BiFunction<List<Node>, Window, Node> loss;
    private List<State> carried;

    /**
     * @param model the network
     * @param loss  the sequence loss of the predictions against the window's target nodes, e.g.
     *              {@code LossAveragedOverTime::mse} or {@code LossAveragedOverTime::crossEntropy}
     */
    public TruncatedBPTT(SequenceModel model, BiFunction<List<Node>, List<Node>, Node> loss) {
        this((predictions, window) -> loss.apply(predictions, window.targets()), model);
    }

    private TruncatedBPTT(BiFunction<List<Node>, Window, Node> loss, SequenceModel model) {
        this.model = model;
        this.loss = loss;
    }

    /**
     * Truncated BPTT on windows of token ids ({@link SequenceSampler#ofTokenIds}): the loss reads the predictions
     * and the window's integer {@link Window#targetIds() target ids}, e.g. {@code LossAveragedOverTime::crossEntropy}.
     */
    public static TruncatedBPTT onTargetIds(SequenceModel model, BiFunction<List<Node>, int[][], Node> loss) {
        return new TruncatedBPTT((predictions, window) -> loss.apply(predictions, window.targetIds()), model);
    }

    /**
     * Builds one window's graph and returns its loss. The window starts from the carried state (detached) when
     * {@link Window#carriesState()} and a state has been carried, else from the model's zero state; the window's
     * last state is kept, detached, for the next window.
     */
    public Node loss(Window window) {
        List<State> start = window.carriesState() && carried != null ? carried
                : model.initialStates(window.batchSize());
        int rows = start.get(0).h().rows();
        if (rows != window.batchSize()) {
            throw new IllegalArgumentException("TruncatedBPTT: the carried state has " + rows + " rows but the window"
                    + " has " + window.batchSize() + "; sequential windows must keep the batch size");
        }
        Predictions out = model.forward(window.inputs(), start);
        carried = out.finalStates().stream().map(State::detach).toList();
        return loss.apply(out.predictions(), window);
    }

    /** The states (one per layer) carried into the next window, detached; null before the first window. */
    public List<State> carriedStates() {
        return carried;
    }

    /** Forgets the carried state, so the next window starts from zeros whatever it says. */
    public void reset() {
        carried = null;
    }

    public SequenceModel model() {
        return model;
    }
}
