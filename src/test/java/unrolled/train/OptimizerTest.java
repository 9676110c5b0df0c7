package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static unrolled.train.Messages.fails;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Parameters;

/**
 * The first three steps of each optimiser on L(θ) = Σ cᵢθᵢ² with c = (1, 3) from θ = (1, −2), so g = 2c⊙θ,
 * against the update formulas written out here and against numbers printed by PyTorch.
 */
class OptimizerTest {

    private static final double[] C = {1, 3};
    private static final double[] THETA0 = {1, -2};

    /** Runs three steps of an optimiser made for θ, returning θ after each step. */
    private static double[][] threeSteps(Function<Parameters, Optimizer> make) {
        Node theta = Node.param("theta", Tensors.row(THETA0.clone()));
        Optimizer optimizer = make.apply(new Parameters().add("theta", theta));
        Node c = Node.constant("c", Tensors.row(C));
        double[][] after = new double[3][];
        for (int step = 0; step < 3; step++) {
            optimizer.zeroGrad();
            c.mul(theta.pow(2)).sum().backward();
            optimizer.step();
            after[step] = theta.value().data.clone();
        }
        return after;
    }

    private static double[] gradient(double[] theta) {
        return new double[] {2 * C[0] * theta[0], 2 * C[1] * theta[1]};
    }

    private static void assertSteps(double[][] expected, double[][] actual, double tolerance) {
        for (int step = 0; step < 3; step++) {
            assertArrayEquals(expected[step], actual[step], tolerance, "θ after step " + (step + 1));
        }
    }

    @Test
    void sgdWithMomentumFollowsPyTorchsFormula() {
        double lr = 0.1, mu = 0.9;
        double[] theta = THETA0.clone(), v = new double[2];
        double[][] expected = new double[3][];
        for (int step = 0; step < 3; step++) {
            double[] g = gradient(theta);
            for (int i = 0; i < 2; i++) {
                v[i] = mu * v[i] + g[i];
                theta[i] -= lr * v[i];
            }
            expected[step] = theta.clone();
        }
        double[][] actual = threeSteps(p -> new SGD(p, lr, mu));
        assertSteps(expected, actual, 1e-15);
        // torch 2.13.0+cpu, float64: torch.optim.SGD([θ], lr=0.1, momentum=0.9)
        assertSteps(new double[][] {{0.8, -0.7999999999999999}, {0.45999999999999996, 0.7600000000000003},
                {0.0619999999999999, 1.7080000000000002}}, actual, 1e-14);
    }

    @Test
    void rmspropFollowsPyTorchsFormulaWithItsDefaults() {
        double lr = 1e-2, alpha = 0.99, eps = 1e-8;
        double[] theta = THETA0.clone(), s = new double[2];
        double[][] expected = new double[3][];
        for (int step = 0; step < 3; step++) {
            double[] g = gradient(theta);
            for (int i = 0; i < 2; i++) {
                s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
            expected[step] = theta.clone();
        }
        double[][] actual = threeSteps(RMSprop::new);
        assertSteps(expected, actual, 1e-15);
        // torch 2.13.0+cpu, float64: torch.optim.RMSprop([θ]) with its defaults
        assertSteps(new double[][] {{0.9000000049999998, -1.9000000008333333},
                {0.8329179679700331, -1.8309433266382498}, {0.7799822732436351, -1.7753494426029548}}, actual, 1e-14);
    }

    @Test
    void adamFollowsPyTorchsBiasCorrectedFormula() {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] theta = THETA0.clone(), m = new double[2], v = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(theta);
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            expected[t - 1] = theta.clone();
        }
        double[][] actual = threeSteps(p -> new Adam(p, lr));
        assertSteps(expected, actual, 1e-14);
        // torch 2.13.0+cpu, float64: torch.optim.Adam([θ], lr=0.1)
        assertSteps(new double[][] {{0.9000000005, -1.9000000000833333}, {0.8004122286917927, -1.8001664857787731},
                {0.7015862729460302, -1.7006233915360325}}, actual, 1e-14);
    }

    @Test
    void defaultsArePyTorchs() {
        Parameters p = new Parameters().add("w", Node.param("w", 1.0));
        assertEquals(1e-3, new SGD(p).learningRate());
        assertEquals(0, new SGD(p).momentum());
        assertEquals("RMSprop(lr=0.01, alpha=0.99, eps=1.0E-8)", new RMSprop(p).toString());
        assertEquals("Adam(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8)", new Adam(p).toString());
    }

    @Test
    void aListOfNodesGetsUniqueNames() {
        Node a = Node.param("weight", 1.0);
        Node b = Node.param("weight", 2.0);
        Optimizer sgd = new SGD(List.of(a, b), 0.1);
        assertEquals(List.of("weight", "weight#2"), sgd.parameters().names());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Node w = Node.param("w", 3.0);
        Optimizer sgd = new SGD(List.of(w), 0.1);
        w.pow(2).backward();
        assertEquals(6, w.grad().get(0, 0));
        sgd.zeroGrad();
        assertEquals(0, w.grad().get(0, 0));
    }

    // ---- bad input ---------------------------------------------------------------------------------------------

    private static final List<Node> W = List.of(Node.param("w", 1.0));

    @Test void learningRateMustBePositive() { fails(() -> new SGD(W, 0), "SGD", "learning rate", "positive", "0.0"); }
    @Test void learningRateMustBeANumber() { fails(() -> new Adam(W, Double.NaN), "Adam", "learning rate", "NaN"); }
    @Test void learningRateMustBeFinite() { fails(() -> new RMSprop(W, Double.POSITIVE_INFINITY), "RMSprop", "Infinity"); }
    @Test void momentumMustBeAFraction() { fails(() -> new SGD(W, 0.1, 1.0), "SGD", "momentum", "[0, 1)", "1.0"); }
    @Test void negativeMomentum() { fails(() -> new SGD(W, 0.1, -0.5), "momentum", "-0.5"); }
    @Test void alphaMustBeAFraction() { fails(() -> new RMSprop(W, 0.1, 1.5, 1e-8), "RMSprop", "alpha", "1.5"); }
    @Test void betasMustBeFractions() { fails(() -> new Adam(W, 0.1, 0.9, 1.0, 1e-8), "Adam", "beta2", "[0, 1)"); }
    @Test void beta1MustBeAFraction() { fails(() -> new Adam(W, 0.1, -0.1, 0.999, 1e-8), "Adam", "beta1", "-0.1"); }
    @Test void epsMustNotBeNegative() { fails(() -> new Adam(W, 0.1, 0.9, 0.999, -1), "Adam", "eps", "-1.0"); }
    @Test void noParameters() { fails(() -> new Adam(List.of()), "Adam", "no parameters"); }
    @Test void constantsAreNotParameters() {
        fails(() -> new SGD(List.of(Node.constant("x", 1.0)), 0.1), "SGD", "x", "constant");
    }
    @Test void aParameterTwice() {
        Node w = Node.param("w", 1.0);
        fails(() -> new SGD(new Parameters().add("a", w).add("b", w), 0.1), "SGD", "b", "twice");
    }
}
