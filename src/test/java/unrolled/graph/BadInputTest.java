package unrolled.graph;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import unrolled.calculus.ForwardMode;

/** Every bad input fails at the op with a message naming the op and what was wrong. */
class BadInputTest {

    private static final Node A23 = Node.param("a", Tensors.ones(2, 3));
    private static final Node B32 = Node.param("b", Tensors.ones(3, 2));

    private static void fails(Executable call, String... expectedParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), () -> "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }

    @Test void addNamesBothShapes() { fails(() -> add(A23, B32), "add", "2×3", "3×2"); }
    @Test void subNamesBothShapes() { fails(() -> sub(A23, B32), "sub", "2×3", "3×2"); }
    @Test void mulNamesBothShapes() { fails(() -> mul(A23, B32), "mul", "2×3", "3×2"); }
    @Test void matmulNamesTheInnerDimensions() { fails(() -> matmul(A23, A23), "matmul", "2×3", "columns", "rows"); }
    @Test void linearNamesInputAndWeight() { fails(() -> linear(A23, B32, null), "linear", "2×3", "3×2", "out × in"); }
    @Test void linearNamesTheExpectedBias() { fails(() -> linear(A23, B32.transpose(), Node.param("b", Tensors.ones(1, 3))), "linear", "1×2", "1×3"); }
    @Test void addBiasNamesTheExpectedBias() { fails(() -> addBias(A23, Node.param("b", Tensors.ones(1, 2))), "addBias", "1×3", "1×2"); }
    @Test void concatNamesTheOddInput() { fails(() -> concat(A23, B32), "concat", "input 1", "3×2"); }
    @Test void concatNeedsAnInput() { fails(Ops::concat, "concat"); }
    @Test void stackRowsNamesTheOddInput() { fails(() -> stackRows(java.util.List.of(A23, B32)), "stackRows", "input 1", "3×2"); }
    @Test void sliceRowsNamesTheRange() { fails(() -> sliceRows(A23, 1, 4), "sliceRows", "[1, 4)", "2×3"); }
    @Test void embeddingIdOutOfRange() { fails(() -> embedding(A23, 0, 2), "embedding", "id 2", "row 1", "2 rows"); }
    @Test void sliceNamesTheRange() { fails(() -> slice(A23, 2, 5), "slice", "[2, 5)", "2×3"); }
    @Test void mseNamesPredictionAndTarget() { fails(() -> mse(A23, B32), "mse", "2×3", "3×2"); }
    @Test void sumOfNothing() { fails(() -> sum(Node.constant(Tensors.zeros(0, 3))), "sum", "empty"); }
    @Test void softmaxCrossEntropyCountsLabels() { fails(() -> softmaxCrossEntropy(A23, 1), "softmaxCrossEntropy", "1 class labels", "2 rows"); }
    @Test void softmaxCrossEntropyClassOutOfRange() { fails(() -> softmaxCrossEntropy(A23, 0, 3), "class 3", "row 1", "3 classes"); }
    @Test void softmaxCrossEntropyTargetShape() { fails(() -> softmaxCrossEntropy(A23, Tensors.ones(3, 2)), "softmaxCrossEntropy", "2×3", "3×2"); }
    @Test void softmaxCrossEntropyNegativeTarget() { fails(() -> softmaxCrossEntropy(A23, Tensors.filled(2, 3, -1)), "non-negative", "-1"); }
    @Test void logOfANonPositiveEntry() { fails(() -> log(Node.constant(Tensors.row(1, 0))), "log", "positive", "(0, 1)"); }
    @Test void powOfANegativeBase() { fails(() -> pow(Node.constant(Tensors.row(-2)), 0.5), "pow", "negative base", "0.5"); }
    @Test void raggedMatrix() { fails(() -> Tensors.matrix(new double[][] {{1, 2}, {3}}), "row 1", "1 entries", "2"); }
    @Test void scalarOfAMatrix() { fails(A23::scalar, "scalar", "2×3"); }
    @Test void tangentDirectionShape() { fails(() -> ForwardMode.tangent(A23.sum(), A23, Tensors.ones(3, 2)), "tangent", "2×3", "3×2"); }
    @Test void derivativeNeedsAScalarInput() { fails(() -> ForwardMode.derivative(A23.sum(), A23), "derivative", "2×3"); }
}
