package unrolled.nn;

import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sigmoid;
import static unrolled.graph.Ops.slice;
import static unrolled.graph.Ops.sub;
import static unrolled.graph.Ops.tanh;

import java.util.Random;
import unrolled.fast.Fused;
import unrolled.graph.Node;

/**
 * The gated recurrent unit (article 3 Part Four, articles 4 and 5; PyTorch's {@code nn.GRUCell}): a reset gate r,
 * an update gate z and a candidate n, with no separate cell state. With the input and hidden parts
 * a = x_t·W_ihᵀ + b_ih and b = h_{t−1}·W_hhᵀ + b_hh, each split into blocks of H columns in PyTorch's order (r, z, n):
 * <pre>
 *   r_t = σ(a_r + b_r)                                  reset gate
 *   z_t = σ(a_z + b_z)                                  update gate
 *   n_t = tanh(a_n + r_t ⊙ (h_{t−1}·W_hnᵀ + b_hn))        candidate, {@link Variant#PYTORCH}
 *   n_t = tanh(a_n + (r_t ⊙ h_{t−1})·W_hnᵀ + b_hn)        candidate, {@link Variant#CHO} (Cho et al. 2014)
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}  = n_t + z_t ⊙ (h_{t−1} − n_t)
 * </pre>
 * The weights (1 − z) and z of the new and the old information sum to 1, which is article 3's point: one gate does
 * the work of the LSTM's forget and input gates. W_ih is 3H × input, W_hh is 3H × H.
 */
public final class GRUCell extends GateBlockCell {

    /** Where the reset gate acts: on W_hn·h + b_hn (PyTorch, cuDNN) or on h before W_hn (Cho et al.'s original). */
    public enum Variant { PYTORCH, CHO }

    /** The values of one step, for looking inside. */
    public record Gates(Node r, Node z, Node n, Node h) {}

    private final Variant variant;

    /** A cell from given parameters: W_ih 3H × input, W_hh 3H × H, biases 1 × 3H (or null). */
    public GRUCell(Variant variant, Node weightIh, Node weightHh, Node biasIh, Node biasHh) {
        this(variant, new GateWeights("GRUCell", 3, weightIh, weightHh, biasIh, biasHh));
    }

    private GRUCell(Variant variant, GateWeights weights) {
        super(weights);
        this.variant = variant;
    }

    /** PyTorch's initialisation: every parameter from U(−1/√H, 1/√H), drawn in the order of {@link #parameters()}. */
    public static GRUCell random(int inputSize, int hiddenSize, Variant variant, Random random) {
        return new GRUCell(variant, GateWeights.random("GRUCell", 3, inputSize, hiddenSize, random));
    }

    /** PyTorch's GRU with PyTorch's initialisation. */
    public static GRUCell random(int inputSize, int hiddenSize, Random random) {
        return random(inputSize, hiddenSize, Variant.PYTORCH, random);
    }

    /** Where the reset gate acts (see {@link Variant}). */
    public Variant variant() {
        return variant;
    }

    @Override
    public State step(Node x, State previous) {
        return State.of(gates(x, previous).h());
    }

    /** One step with every intermediate value exposed. */
    public Gates gates(Node x, State previous) {
        requireInput(x);
        requireState(x, previous);
        int h = hiddenSize();
        Node hPrev = previous.h();
        Node a = weights.ofInput(x);
        Node b = weights.ofHidden(hPrev);
        Node r = sigmoid(add(slice(a, 0, h), slice(b, 0, h))).named("r");
        Node z = sigmoid(add(slice(a, h, 2 * h), slice(b, h, 2 * h))).named("z");
        Node resetHidden = switch (variant) {
            case PYTORCH -> mul(r, slice(b, 2 * h, 3 * h));
            case CHO -> slice(weights.ofHidden(mul(r, hPrev)), 2 * h, 3 * h); // the n block of (r⊙h)·W_hhᵀ + b_hh
        };
        Node n = tanh(add(slice(a, 2 * h, 3 * h), resetHidden)).named("n");
        Node hNew = add(n, mul(z, sub(hPrev, n))).named("h");
        return new Gates(r, z, n, hNew);
    }

    /** PyTorch-form cells with both biases run as one {@code fusedGRU} op ({@link Fused#gru}); Cho's form has none. */
    @Override
    public FusedForm fusedForm() {
        if (variant != Variant.PYTORCH || !weights.hasBiases()) {
            return null;
        }
        return FusedLayer.of(this, 7, (inputs, initial, composed) ->
                Fused.gru(weights.fused(), inputs, initial.h(), composed));
    }

    @Override
    public String toString() {
        return "GRUCell(" + inputSize() + " → " + hiddenSize() + (variant == Variant.CHO ? ", cho" : "") + ")";
    }
}
