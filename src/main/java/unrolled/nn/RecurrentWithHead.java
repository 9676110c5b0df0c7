package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;

/**
 * What article 3's input/output structures share: a recurrent body {@code rnn} (article 3's U and W) and a dense head
 * {@code fc} (its V) read at the steps the structure needs. The five structures:
 * <ul>
 *   <li>one-to-one: no recurrence, just a {@link Dense} layer;</li>
 *   <li>one-to-many: {@link OneToMany}, one input, N outputs (generation, image captioning);</li>
 *   <li>many-to-one: {@link ManyToOne}, the last output through the head (sentiment, a forecast);</li>
 *   <li>many-to-many, aligned: {@link ManyToMany}, the head on every step (tagging);</li>
 *   <li>many-to-many, encoder–decoder: {@link EncoderDecoder}, another output length (translation).</li>
 * </ul>
 * Optional {@link #withDropout dropout} sits where article 5 puts it: between the input and the RNN and between the
 * RNN and the head; the rnn's own dropout acts between its layers. Parameters are named as a PyTorch module with
 * attributes {@code rnn} and {@code fc} would name them: rnn.weight_ih_l0, …, fc.weight, fc.bias.
 *
 * @param <M> the structure itself, so that {@code model.eval().forward(xs)} keeps its type
 */
public abstract class RecurrentWithHead<M extends RecurrentWithHead<M>> {

    protected final Recurrent rnn;
    protected final Dense fc;
    private Dropout dropout = new Dropout(0, 0);

    protected RecurrentWithHead(Recurrent rnn, Dense fc) {
        if (fc.inputSize() != rnn.outputSize()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the head reads " + fc.inputSize()
                    + " features but " + rnn + " outputs " + rnn.outputSize());
        }
        this.rnn = rnn;
        this.fc = fc;
    }

    public Recurrent rnn() {
        return rnn;
    }

    public Dense fc() {
        return fc;
    }

    /** Article 5's placement: this dropout on the inputs of the RNN and on its outputs before the head. */
    public M withDropout(Dropout dropout) {
        this.dropout = dropout;
        return self();
    }

    /** Training mode: every dropout (input, between layers, output) draws masks. Returns this. */
    public M train() {
        rnn.train();
        dropout.train();
        return self();
    }

    /** Evaluation mode: no dropout anywhere. Returns this. */
    public M eval() {
        rnn.eval();
        dropout.eval();
        return self();
    }

    @SuppressWarnings("unchecked")
    private M self() {
        return (M) this;
    }

    /** rnn.… then fc.… */
    public Parameters parameters() {
        return new Parameters().addAll("rnn.", rnn.parameters()).addAll("fc.", fc.parameters());
    }

    /** The rnn over the (dropped-out) inputs from the given states. */
    protected SequenceOutput body(List<Node> inputs, List<State> initial) {
        return rnn.forward(inputs.stream().map(dropout::apply).toList(), initial);
    }

    /** The rnn over the (dropped-out) inputs from zero states. */
    protected SequenceOutput body(List<Node> inputs) {
        Checks.requireSequence(getClass().getSimpleName(), inputs);
        return body(inputs, rnn.initialStates(inputs.get(0).rows()));
    }

    /** fc applied to one (dropped-out) rnn output. */
    protected Node head(Node output) {
        return fc.forward(dropout.apply(output));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(rnn=" + rnn + ", fc=" + fc
                + (dropout.p() == 0 ? "" : ", dropout=" + dropout.p()) + ")";
    }
}
