package unrolled.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static unrolled.analysis.ElmanBpttTest.assertMessage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Tensors;
import unrolled.nn.Nonlinearity;
import unrolled.nn.Dense;
import unrolled.nn.ElmanCell;
import unrolled.nn.RecurrentLayer;

/** The loss of a one-unit RNN over its weights, and the gradient norm with it. */
class LossSurfaceTest {

    @Test
    void article1SurfaceIsTheClosedForm() {
        int n = 50;
        double y = 2;
        LossSurface surface = LossSurface.simplestRnn(n, y);
        double wHh = 1.02;
        double wIh = 0.7;
        LossSurface.Point p = surface.at(wHh, wIh);
        double h = wIh * Math.pow(wHh, n - 1);
        assertEquals((h - y) * (h - y), p.loss(), 1e-12);
        assertEquals(2 * (h - y) * wIh * (n - 1) * Math.pow(wHh, n - 2), p.dLdwHh(), 1e-12);
        assertEquals(2 * (h - y) * Math.pow(wHh, n - 1), p.dLdwIh(), 1e-12);
        assertEquals(Math.hypot(p.dLdwHh(), p.dLdwIh()), p.gradientNorm(), 0);
    }

    @Test
    void aTanhSurfacePointMatchesAutodiff() {
        double[] inputs = {1, -0.5, 0.3, 0, 0.8, -1};
        double wHh = 1.7;
        double wIh = -0.4;
        LossSurface.Point p = LossSurface.of(Nonlinearity.TANH, inputs, 0.25).at(wHh, wIh);

        Node weightHh = Node.param("weight_hh", wHh);
        Node weightIh = Node.param("weight_ih", wIh);
        ElmanCell cell = new ElmanCell(Nonlinearity.TANH, weightIh, weightHh, null, null);
        List<Node> x = new ArrayList<>();
        for (double v : inputs) {
            x.add(Node.constant(Tensors.scalar(v)));
        }
        GradientFlow.Pass pass = GradientFlow.autodiff(new RecurrentLayer(cell),
                new Dense(Node.param("weight", 1.0), null), x, LossSummedOverTime.meanSquaredAtLast(Tensors.scalar(0.25)));
        assertEquals(pass.loss().scalar(), p.loss(), 1e-15);
        assertEquals(weightHh.grad().get(0), p.dLdwHh(), 1e-14);
        assertEquals(weightIh.grad().get(0), p.dLdwIh(), 1e-14);
    }

    @Test
    void theSurfaceIsRugged() {
        LossSurface surface = LossSurface.simplestRnn(1000, 1);
        LossSurface.Line line = surface.line(Linspace.of(0.99, 1.01, 21), 1);
        // Flat on one side of w = 1, a cliff on the other: the gradient norm spans many orders of magnitude.
        double flat = line.gradientNorm()[0];
        double cliff = line.gradientNorm()[20];
        assertEquals(0, line.loss()[10], 1e-20, "w = 1 hits the target");
        assertTrue(cliff / flat > 1e6, "‖∇L‖ at w = 1.01 over ‖∇L‖ at w = 0.99 is only " + cliff / flat);
        assertEquals(surface.at(1.01, 1).loss(), line.loss()[20], 0);
        assertTrue(surface.toString().contains("article 1"), surface.toString());
    }

    @Test
    void aGridIsCheapEnoughForANotebook() {
        LossSurface surface = LossSurface.of(Nonlinearity.TANH, Linspace.of(1, 0, 100), 0.5);
        double[] wHh = Linspace.of(-3, 3, 51);
        double[] wIh = Linspace.of(-3, 3, 51);
        long start = System.nanoTime();
        LossSurface.Grid grid = surface.grid(wHh, wIh);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("LossSurface: 51 × 51 grid, 100 steps, tanh: %.3f s%n", seconds);
        assertTrue(seconds < 2, "took " + seconds + " s");
        assertEquals(51, grid.loss().length);
        assertEquals(51, grid.gradientNorm()[50].length);
        LossSurface.Point p = surface.at(wHh[17], wIh[44]);
        assertEquals(p.loss(), grid.loss()[17][44], 0);
        assertEquals(p.gradientNorm(), grid.gradientNorm()[17][44], 0);
    }

    @Test
    void badInputIsNamed() {
        assertMessage(() -> LossSurface.of(Nonlinearity.TANH, new double[0], 1), "empty input sequence");
        assertMessage(() -> LossSurface.simplestRnn(0, 1), "need at least one step, got 0");
    }
}
