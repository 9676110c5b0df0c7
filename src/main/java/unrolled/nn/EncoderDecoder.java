package unrolled.nn;

import java.util.List;
import unrolled.graph.Node;
import unrolled.graph.Tensors;

/**
 * Many-to-many with a different output length (article 3's encoder–decoder, as in translation): the encoder reads
 * x_1 … x_T and its final states (per layer; h and c for an LSTM) become the decoder's initial states; the decoder,
 * a {@link OneToMany}, then runs for as many steps as asked, starting from a zero "go" input and feeding back as
 * its {@link OneToMany.Feedback} says. Encoder and decoder must have the same kind of cell, number of layers and H,
 * and the encoder must be unidirectional. Parameters: encoder.…, decoder.rnn.…, decoder.fc.…
 */
public final class EncoderDecoder {

    private final Recurrent encoder;
    private final OneToMany decoder;

    public EncoderDecoder(Recurrent encoder, OneToMany decoder) {
        Recurrent d = decoder.rnn();
        State e0 = encoder.initialStates(1).get(0);
        State d0 = d.initialStates(1).get(0);
        if (encoder.isBidirectional() || encoder.numLayers() != d.numLayers() || encoder.hiddenSize() != d.hiddenSize()
                || (e0.c() == null) != (d0.c() == null)) {
            throw new IllegalArgumentException("EncoderDecoder: the encoder's final states must fit the decoder: "
                    + "need a unidirectional encoder with the decoder's cell kind, layers and hidden size, got encoder "
                    + encoder + " and decoder " + d);
        }
        this.encoder = encoder;
        this.decoder = decoder;
    }

    public Recurrent encoder() {
        return encoder;
    }

    public OneToMany decoder() {
        return decoder;
    }

    /** ŷ_1 … ŷ_steps: encode the inputs, then decode {@code steps} steps from the encoder's final states. */
    public List<Node> forward(List<Node> inputs, int steps) {
        Checks.requireSequence("EncoderDecoder", inputs);
        List<State> context = encoder.forward(inputs).finalStates();
        Node go = Node.constant("go", Tensors.zeros(inputs.get(0).rows(), decoder.rnn().inputSize()));
        return decoder.forward(go, context, steps);
    }

    /** Training mode for encoder and decoder. Returns this. */
    public EncoderDecoder train() {
        encoder.train();
        decoder.train();
        return this;
    }

    /** Evaluation mode for encoder and decoder. Returns this. */
    public EncoderDecoder eval() {
        encoder.eval();
        decoder.eval();
        return this;
    }

    /** encoder.… then decoder.rnn.…, decoder.fc.… */
    public Parameters parameters() {
        return new Parameters().addAll("encoder.", encoder.parameters()).addAll("decoder.", decoder.parameters());
    }

    @Override
    public String toString() {
        return "EncoderDecoder(encoder=" + encoder + ", decoder=" + decoder + ")";
    }
}
