package unrolled.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static unrolled.graph.Ops.*;

import org.junit.jupiter.api.Test;

/** Article 2's pointwise examples for the LSTM diagram's symbols, computed by the graph ops. */
class ArticleExamplesTest {

    private static final Node A = Node.constant("a", Tensors.row(0.9, 0.2, -0.5, -0.1));
    private static final Node B = Node.constant("b", Tensors.row(0.5, 0, 1, 0.8));

    @Test
    void pointwiseProduct() {
        assertEquals("[[0.45, 0, -0.5, -0.08]]", Tensors.format(mul(A, B).value()));
    }

    @Test
    void pointwiseSum() {
        assertEquals("[[1.4, 0.2, 0.5, 0.7]]", Tensors.format(add(A, B).value()));
    }

    /**
     * The article prints [0.717, 0.198, −0.462, −0.100]. The exact values are [0.71630, 0.19738, −0.46212, −0.09967]:
     * the article's first two entries are one unit too high in the third decimal, so they agree within 0.001, not to
     * three rounded decimals.
     */
    @Test
    void pointwiseTanh() {
        double[] seed = {0.717, 0.198, -0.462, -0.100};
        double[] exact = {0.71630, 0.19738, -0.46212, -0.09967};
        for (int j = 0; j < 4; j++) {
            assertEquals(exact[j], tanh(A).get(0, j), 5e-6, "entry " + j);
            assertEquals(seed[j], tanh(A).get(0, j), 1e-3, "entry " + j + " against the article");
        }
    }

    @Test
    void concatenation() {
        assertEquals("[[0.9, 0.2, -0.5, -0.1, 0.5, 0, 1, 0.8]]", Tensors.format(concat(A, B).value()));
    }

    @Test
    void aGateLetsThroughAllNothingOrPart() {
        Node c = Node.constant("c", Tensors.row(-0.5, 0.2, 0.8));
        Node f = Node.constant("f", Tensors.row(1, 0, 0.5));
        assertEquals("[[-0.5, 0, 0.4]]", Tensors.format(mul(f, c).value()));
    }
}
