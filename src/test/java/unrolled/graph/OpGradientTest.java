package unrolled.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.graph.Ops.*;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import unrolled.calculus.AllPaths;
import unrolled.calculus.ForwardMode;
import unrolled.calculus.GradCheck;

/**
 * Every op against central finite differences, and its forward-mode rule against its backward rule.
 * Each op is wrapped in a random weighted sum, L = Σ r ⊙ op(inputs), so that every entry of the output matters.
 */
class OpGradientTest {

    /** Smooth ops in double precision must agree with finite differences to this relative error. */
    private static final double SMOOTH_RELATIVE_ERROR = 1e-7;

    private record Case(String name, int[][] shapes, Function<List<Node>, Node> op, double low, double high) {
        @Override public String toString() { return name; }
    }

    private static Case of(String name, Function<List<Node>, Node> op, int[]... shapes) {
        return new Case(name, shapes, op, -2, 2);
    }

    private static Case positive(String name, Function<List<Node>, Node> op, int[]... shapes) {
        return new Case(name, shapes, op, 0.5, 2);
    }

    private static int[] shape(int rows, int cols) {
        return new int[] {rows, cols};
    }

    static Stream<Arguments> ops() {
        int[] m = shape(3, 4);
        return Stream.of(
                of("add", in -> add(in.get(0), in.get(1)), m, m),
                of("sub", in -> sub(in.get(0), in.get(1)), m, m),
                of("mul", in -> mul(in.get(0), in.get(1)), m, m),
                of("matmul", in -> matmul(in.get(0), in.get(1)), shape(3, 5), shape(5, 2)),
                of("scale", in -> scale(in.get(0), -1.7), m),
                of("addBias", in -> addBias(in.get(0), in.get(1)), m, shape(1, 4)),
                of("linear", in -> linear(in.get(0), in.get(1), in.get(2)), shape(3, 5), shape(2, 5), shape(1, 2)),
                of("linear without bias", in -> linear(in.get(0), in.get(1), null), shape(3, 5), shape(2, 5)),
                of("transpose", in -> transpose(in.get(0)), m),
                of("sum", in -> sum(in.get(0)), m),
                of("mean", in -> mean(in.get(0)), m),
                of("pow 3", in -> pow(in.get(0), 3), m),
                positive("pow 0.5", in -> pow(in.get(0), 0.5), m),
                of("exp", in -> exp(in.get(0)), m),
                positive("log", in -> log(in.get(0)), m),
                of("tanh", in -> tanh(in.get(0)), m),
                of("sigmoid", in -> sigmoid(in.get(0)), m),
                of("softmax", in -> softmax(in.get(0)), m),
                of("concat", in -> concat(in.get(0), in.get(1), in.get(2)), shape(3, 2), shape(3, 1), shape(3, 4)),
                of("slice", in -> slice(in.get(0), 1, 3), m),
                of("stackRows", in -> stackRows(in), shape(2, 4), shape(1, 4), shape(3, 4)),
                of("embedding (a row used twice)", in -> embedding(in.get(0), 2, 0, 2), shape(4, 3)),
                of("sliceRows", in -> sliceRows(in.get(0), 1, 3), m),
                of("mse", in -> mse(in.get(0), in.get(1)), m, m),
                of("softmaxCrossEntropy classes", in -> softmaxCrossEntropy(in.get(0), 2, 0, 3), m),
                of("softmaxCrossEntropy soft targets", in -> softmaxCrossEntropy(in.get(0), Tensors.matrix(
                        new double[][] {{0.1, 0.2, 0.3, 0.4}, {0, 0, 1, 0}, {0.25, 0.25, 0.25, 0.25}})), m),
                of("batch of one", in -> tanh(addBias(matmul(in.get(0), in.get(1)), in.get(2))),
                        shape(1, 3), shape(3, 2), shape(1, 2)),
                of("shared parameter x·x + x", in -> add(mul(in.get(0), in.get(0)), in.get(0)), m)
        ).map(Arguments::of);
    }

    private static List<Node> inputs(Case c, long seed) {
        Random random = new Random(seed);
        Node[] nodes = new Node[c.shapes().length];
        for (int i = 0; i < nodes.length; i++) {
            int[] s = c.shapes()[i];
            nodes[i] = Node.param("x" + i, Tensors.uniform(s[0], s[1], c.low(), c.high(), random));
        }
        return List.of(nodes);
    }

    private static Node weightedSum(Node y, DMatrixRMaj weights) {
        return sum(mul(y, Node.constant(weights)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void backwardMatchesCentralDifferences(Case c) {
        List<Node> in = inputs(c, 1);
        DMatrixRMaj probe = c.op().apply(in).value();
        DMatrixRMaj weights = Tensors.uniform(probe.numRows, probe.numCols, -1, 1, new Random(2));
        GradCheck.Report report = GradCheck.check(() -> weightedSum(c.op().apply(in), weights), in);
        assertTrue(report.passed(), () -> c + "\n" + report);
        assertTrue(report.maxRelativeError() <= SMOOTH_RELATIVE_ERROR, () -> c + "\n" + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void forwardModeMatchesBackward(Case c) {
        List<Node> in = inputs(c, 3);
        DMatrixRMaj probe = c.op().apply(in).value();
        DMatrixRMaj weights = Tensors.uniform(probe.numRows, probe.numCols, -1, 1, new Random(4));
        Node loss = weightedSum(c.op().apply(in), weights);
        in.forEach(Node::zeroGrad);
        loss.backward();
        for (Node x : in) {
            DMatrixRMaj forward = ForwardMode.gradient(loss, x);
            DMatrixRMaj backward = x.grad();
            for (int i = 0; i < forward.getNumElements(); i++) {
                assertEquals(backward.data[i], forward.data[i], 1e-12 * (1 + Math.abs(backward.data[i])),
                        c + ": " + x.label() + " entry " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void sumOverPathsMatchesBackward(Case c) {
        List<Node> in = inputs(c, 5);
        Node y = c.op().apply(in);
        Node loss = weightedSum(y, Tensors.uniform(y.rows(), y.cols(), -1, 1, new Random(6)));
        in.forEach(Node::zeroGrad);
        loss.backward();
        for (Node x : in) {
            DMatrixRMaj paths = AllPaths.derivative(loss, x);
            for (int i = 0; i < paths.getNumElements(); i++) {
                assertEquals(x.grad().data[i], paths.data[i], 1e-12 * (1 + Math.abs(paths.data[i])),
                        c + ": " + x.label() + " entry " + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void reluAwayFromTheKinkMatchesCentralDifferences() {
        Node x = Node.param("x", Tensors.matrix(new double[][] {{-1.5, 0.3, 2}, {0.7, -0.2, -3}}));
        GradCheck.Report report = GradCheck.check(() -> sum(mul(relu(x), relu(x))), x);
        assertTrue(report.passed() && report.maxRelativeError() <= SMOOTH_RELATIVE_ERROR, report::toString);
        assertEquals(0.0, x.grad().get(0, 0));
        assertEquals(2 * 0.3, x.grad().get(0, 1), 1e-15);
    }
}
