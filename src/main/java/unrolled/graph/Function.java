package unrolled.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The local rule of one operation in a computation graph: how its value is computed, how a gradient flows back
 * through it (reverse mode) and how a tangent flows forward through it (forward mode).
 *
 * <p>One instance is made per application of the op, so it can keep exactly what its backward rule needs
 * (the inputs, the output, a mask) and nothing more.
 */
public abstract class Function {

    /** The op's name, as shown in error messages and drawn graphs ("matmul", "tanh"). */
    public abstract String name();

    /**
     * Computes the output value y = f(x₁, …, xₙ) from the input values. Called once, before the other methods.
     * Implementations check their input shapes first and throw {@link ShapeException} naming the op and the shapes.
     */
    protected abstract DMatrixRMaj forward(DMatrixRMaj... inputs);

    /**
     * Vector–Jacobian product: adds (∂y/∂xᵢ)ᵀ · g to {@code inputGrads[i]} for every input i,
     * where g = ∂L/∂y is {@code outputGrad}. An entry of {@code inputGrads} is null when that input needs no gradient.
     * Gradients accumulate: implementations add, never overwrite.
     */
    protected abstract void backward(DMatrixRMaj outputGrad, DMatrixRMaj[] inputGrads);

    /**
     * Jacobian–vector product: returns ẏ = Σᵢ (∂y/∂xᵢ) · ẋᵢ for the input tangents ẋᵢ,
     * where a null tangent stands for zero. Returns null when every input tangent is null.
     */
    protected abstract DMatrixRMaj tangent(DMatrixRMaj[] inputTangents);

    /**
     * ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ, this op's {@link #tangent} called from outside the package: the step that forward mode
     * ({@code unrolled.calculus.ForwardMode}) and the path sums ({@code unrolled.calculus.AllPaths}) take at each op.
     *
     * @param inputTangents one tangent per input, null for zero
     * @return ẏ, or null when every input tangent is null
     */
    public final DMatrixRMaj pushTangent(DMatrixRMaj... inputTangents) {
        return tangent(inputTangents);
    }

    /** ca·a + cb·b for two tangents, where null stands for zero (and the result is null if both are). */
    protected static DMatrixRMaj linearCombination(DMatrixRMaj a, double ca, DMatrixRMaj b, double cb) {
        if (a == null && b == null) {
            return null;
        }
        if (a == null) {
            return scaled(cb, b);
        }
        DMatrixRMaj y = scaled(ca, a);
        if (b != null) {
            CommonOps_DDRM.addEquals(y, cb, b);
        }
        return y;
    }

    /** s·a as a new matrix. */
    protected static DMatrixRMaj scaled(double s, DMatrixRMaj a) {
        DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.scale(s, a, y);
        return y;
    }
}
