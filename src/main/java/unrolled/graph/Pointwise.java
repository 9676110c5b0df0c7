package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import unrolled.maths.Elementary;

/**
 * An op applied to every entry on its own, y = f(x). Its Jacobian is diagonal, so both directions are a product
 * with f′: backward adds g ⊙ f′(x) to the input gradient, forward returns f′(x) ⊙ ẋ. A subclass states f and f′.
 */
abstract class Pointwise extends Function {

    private DMatrixRMaj x;
    private DMatrixRMaj y;

    /** f(x) for one entry. */
    abstract double value(double x);

    /** f′(x) for one entry, given also y = f(x) (tanh′ = 1 − y², σ′ = y(1 − y)). */
    abstract double derivative(double x, double y);

    /** Throws when x is outside f's domain; the default accepts every x. */
    void checkDomain(double x, int row, int col) {}

    @Override
    protected DMatrixRMaj forward(DMatrixRMaj... inputs) {
        x = inputs[0];
        y = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < x.getNumElements(); i++) {
            checkDomain(x.data[i], i / x.numCols, i % x.numCols);
            y.data[i] = value(x.data[i]);
        }
        return y;
    }

    @Override
    protected void backward(DMatrixRMaj outputGrad, DMatrixRMaj[] inputGrads) {
        if (inputGrads[0] == null) {
            return;
        }
        double[] gx = inputGrads[0].data;
        for (int i = 0; i < y.getNumElements(); i++) {
            gx[i] += outputGrad.data[i] * derivative(x.data[i], y.data[i]);
        }
    }

    @Override
    protected DMatrixRMaj tangent(DMatrixRMaj[] inputTangents) {
        DMatrixRMaj dx = inputTangents[0];
        if (dx == null) {
            return null;
        }
        DMatrixRMaj dy = new DMatrixRMaj(y.numRows, y.numCols);
        for (int i = 0; i < y.getNumElements(); i++) {
            dy.data[i] = derivative(x.data[i], y.data[i]) * dx.data[i];
        }
        return dy;
    }

    /** tanh(x); tanh′(x) = 1 − tanh²(x) ({@link Elementary#tanhDerivative}). */
    static final class Tanh extends Pointwise {
        @Override public String name() { return "tanh"; }
        @Override double value(double x) { return Math.tanh(x); }
        @Override double derivative(double x, double y) { return Elementary.tanhDerivative(y); }
    }

    /** σ(x) = 1 / (1 + e^(−x)); σ′(x) = σ(x)(1 − σ(x)) (both from {@link Elementary}). */
    static final class Sigmoid extends Pointwise {
        @Override public String name() { return "sigmoid"; }
        @Override double value(double x) { return Elementary.sigmoid(x); }
        @Override double derivative(double x, double y) { return Elementary.sigmoidDerivative(y); }
    }

    /** relu(x) = max(0, x); relu′(x) = 1 for x &gt; 0, else 0 (the subgradient 0 at x = 0, as PyTorch). */
    static final class Relu extends Pointwise {
        @Override public String name() { return "relu"; }
        @Override double value(double x) { return x > 0 ? x : 0; }
        @Override double derivative(double x, double y) { return Elementary.reluDerivative(y); }
    }

    /** eˣ; its derivative is itself. */
    static final class Exp extends Pointwise {
        @Override public String name() { return "exp"; }
        @Override double value(double x) { return Math.exp(x); }
        @Override double derivative(double x, double y) { return y; }
    }

    /** ln x for x &gt; 0; ln′(x) = 1/x. */
    static final class Log extends Pointwise {
        @Override public String name() { return "log"; }
        @Override double value(double x) { return Math.log(x); }
        @Override double derivative(double x, double y) { return 1 / x; }
        @Override void checkDomain(double x, int row, int col) {
            if (!(x > 0)) {
                throw new IllegalArgumentException("log: input must be positive, got " + x
                        + " at (" + row + ", " + col + ")");
            }
        }
    }

    /** xᵖ; (xᵖ)′ = p·xᵖ⁻¹. Negative x needs an integer p, and x = 0 needs p ≥ 1 (for the derivative to exist). */
    static final class Pow extends Pointwise {
        private final double p;

        Pow(double p) {
            this.p = p;
        }

        @Override public String name() { return "pow"; }
        @Override double value(double x) { return Math.pow(x, p); }
        @Override double derivative(double x, double y) { return p == 1 ? 1 : p * Math.pow(x, p - 1); }
        @Override void checkDomain(double x, int row, int col) {
            if (x < 0 && p != Math.rint(p)) {
                throw new IllegalArgumentException("pow: negative base " + x + " at (" + row + ", " + col
                        + ") with non-integer exponent " + p);
            }
            if (x == 0 && p < 1) {
                throw new IllegalArgumentException("pow: base 0 at (" + row + ", " + col + ") with exponent " + p
                        + " < 1 has no finite derivative");
            }
        }
    }
}
