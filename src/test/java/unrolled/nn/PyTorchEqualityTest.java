package unrolled.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.add;
import static unrolled.graph.Ops.mul;
import static unrolled.graph.Ops.sum;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;

/**
 * Our numbers against PyTorch's. The fixtures in src/test/resources/unrolled/nn were written by
 * src/test/python/fixtures/make_rnn_fixtures.py (float64, fixed seeds): a state_dict under PyTorch's names, loaded
 * here with {@link Parameters#load}, and the input, outputs, final states and gradients of
 * L = Σ_t sum(output_t ⊙ R_t) + Σ_k sum(h_n_k ⊙ S_k) (+ Σ_k sum(c_n_k ⊙ C_k)).
 */
class PyTorchEqualityTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void twoLayerRnn() throws Exception {
        assertMatchesPyTorch("rnn", Recurrent.rnn(3, 4).layers(2).seed(0).build());
    }

    @Test
    void twoLayerBidirectionalLstm() throws Exception {
        assertMatchesPyTorch("lstm", Recurrent.lstm(3, 2).layers(2).bidirectional(true).seed(0).build());
    }

    @Test
    void bidirectionalGru() throws Exception {
        assertMatchesPyTorch("gru", Recurrent.gru(3, 3).bidirectional(true).seed(0).build());
    }

    /** Loads the state_dict, runs forward and backward, and returns the largest absolute difference seen. */
    static double assertMatchesPyTorch(String name, Recurrent model) throws Exception {
        model.parameters().load(resource(name + ".state_dict.json"));
        Path expectedFile = resource(name + ".expected.json");
        Map<String, DMatrixRMaj> expected = Json.parseMatrices(Files.readString(expectedFile), expectedFile.toString());
        List<Node> xs = new ArrayList<>();
        for (int t = 0; expected.containsKey("input_" + t); t++) {
            xs.add(Node.param("input_" + t, expected.get("input_" + t)));
        }
        SequenceOutput out = model.forward(xs);
        Node loss = null;
        double worst = 0;
        for (int t = 0; t < xs.size(); t++) {
            Node o = out.outputs().get(t);
            worst = Math.max(worst, compare(expected.get("output_" + t), o.value(), "output_" + t));
            loss = plus(loss, sum(mul(o, Node.constant(expected.get("loss_output_" + t)))));
        }
        for (int k = 0; k < out.finalStates().size(); k++) {
            State s = out.finalStates().get(k);
            worst = Math.max(worst, compare(expected.get("h_n_" + k), s.h().value(), "h_n_" + k));
            loss = plus(loss, sum(mul(s.h(), Node.constant(expected.get("loss_h_n_" + k)))));
            if (s.c() != null) {
                worst = Math.max(worst, compare(expected.get("c_n_" + k), s.c().value(), "c_n_" + k));
                loss = plus(loss, sum(mul(s.c(), Node.constant(expected.get("loss_c_n_" + k)))));
            }
        }
        assertEquals(expected.get("loss").get(0, 0), loss.scalar(), TOLERANCE);
        loss.backward();
        for (Map.Entry<String, Node> p : model.parameters()) {
            String key = "grad." + p.getKey();
            worst = Math.max(worst, compare(expected.get(key), p.getValue().grad(), key));
        }
        for (Node x : xs) {
            worst = Math.max(worst, compare(expected.get("grad." + x.label()), x.grad(), "grad." + x.label()));
        }
        System.out.printf("PyTorch %s: max |ours − torch| = %.3e (outputs, final states, gradients)%n", name, worst);
        return worst;
    }

    private static Node plus(Node total, Node term) {
        return total == null ? term : add(total, term);
    }

    private static double compare(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertTrue(expected != null, "the fixture has no " + what);
        assertEquals(expected.numRows + "×" + expected.numCols, actual.numRows + "×" + actual.numCols, what);
        double worst = 0;
        for (int i = 0; i < actual.getNumElements(); i++) {
            worst = Math.max(worst, Math.abs(expected.data[i] - actual.data[i]));
        }
        assertTrue(worst <= TOLERANCE, what + " differs from PyTorch by " + worst);
        return worst;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PyTorchEqualityTest.class.getResource(name).toURI());
    }
}
