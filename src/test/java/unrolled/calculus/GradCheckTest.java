package unrolled.calculus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import unrolled.graph.*;

class GradCheckTest {

    /** y = x² with a backward rule that forgets the factor 2: the check must catch it. */
    private static final class WrongSquare extends Function {
        private DMatrixRMaj x;

        @Override public String name() { return "wrongSquare"; }

        @Override protected DMatrixRMaj forward(DMatrixRMaj... in) {
            x = in[0];
            DMatrixRMaj y = x.copy();
            for (int i = 0; i < y.getNumElements(); i++) y.data[i] *= y.data[i];
            return y;
        }

        @Override protected void backward(DMatrixRMaj g, DMatrixRMaj[] grads) {
            for (int i = 0; i < x.getNumElements(); i++) grads[0].data[i] += g.data[i] * x.data[i];
        }

        @Override protected DMatrixRMaj tangent(DMatrixRMaj[] t) {
            return null;
        }
    }

    @Test
    void aWrongBackwardRuleFails() {
        Node x = Node.param("x", Tensors.row(0.5, -1.0, 2.0));
        GradCheck.Report report = GradCheck.check(() -> Node.apply(new WrongSquare(), x).sum(), x);
        assertFalse(report.passed());
        assertTrue(report.maxRelativeError() > 0.4, report::toString);
        AssertionError error = assertThrows(AssertionError.class, report::requirePassed);
        assertTrue(error.getMessage().contains("x") && error.getMessage().contains("✗"), error.getMessage());
    }

    @Test
    void aCorrectRuleReportsTinyErrorsAndRestoresTheParameter() {
        Node x = Node.param("x", Tensors.row(0.5, -1.0, 2.0));
        GradCheck.Report report = GradCheck.check(() -> x.mul(x).sum(), x);
        assertTrue(report.passed());
        assertTrue(report.maxAbsoluteError() < 1e-8, report::toString);
        assertTrue(report.toString().contains("1×3"));
        assertTrue(x.value().get(0, 0) == 0.5 && x.value().get(0, 2) == 2.0);
    }

    @Test
    void nanIsAFailure() {
        Node x = Node.param("x", Tensors.row(1.0));
        GradCheck.Report report = GradCheck.check(() -> x.scale(Double.NaN).sum(), x);
        assertFalse(report.passed());
    }

    @Test
    void aParameterTheLossDoesNotUseFailsAndIsNamed() {
        Node x = Node.param("x", Tensors.row(0.5, -1.0));
        Node unused = Node.param("unused", Tensors.row(3.0));
        GradCheck.Report report = GradCheck.check(() -> x.mul(x).sum(), x, unused);
        assertFalse(report.passed(), report::toString);
        assertTrue(report.entries().get(0).passed(), report::toString);
        AssertionError error = assertThrows(AssertionError.class, report::requirePassed);
        assertTrue(error.getMessage().contains("✗ unused: not used by the loss"), error.getMessage());
        GradCheck.Report named = GradCheck.check(() -> x.mul(x).sum(),
                java.util.Map.of("the_bias", Node.param(null, Tensors.row(1.0))));
        assertTrue(named.toString().contains("✗ the_bias: not used by the loss"), named::toString);
    }

    @Test
    void reluAtZeroIsReportedAsAKink() {
        Node w = Node.param("w", Tensors.row(0.5, 0.0, -2.0));
        GradCheck.Report report = GradCheck.check(() -> w.relu().sum(), w);
        assertFalse(report.passed(), report::toString);
        String note = report.entries().get(0).note();
        assertTrue(note != null && note.startsWith("entry (0, 1) = 0.0 sits on a kink")
                && note.contains("left 0 and right 1"), report::toString);
        assertTrue(report.toString().contains("✗ w: entry (0, 1) = 0.0 sits on a kink"), report::toString);
        assertTrue(w.value().get(0, 1) == 0.0, "restored");
    }

    @Test
    void aWrongRuleOnASmoothLossIsNotCalledAKink() {
        Node x = Node.param("x", Tensors.row(0.5, -1.0, 2.0));
        GradCheck.Report report = GradCheck.check(() -> Node.apply(new WrongSquare(), x).sum(), x);
        assertTrue(report.entries().get(0).note() == null, report::toString);
    }
}
