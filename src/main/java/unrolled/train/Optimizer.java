package unrolled.train;

import unrolled.nn.Parameters;

/**
 * Updates parameters from their gradients, one {@link #step()} after each backward pass:
 * <pre>{@code
 * optimizer.zeroGrad();
 * Node loss = ...;          // forward
 * loss.backward();
 * optimizer.step();
 * }</pre>
 * The update rules and defaults are PyTorch's ({@link SGD}, {@link RMSprop}, {@link Adam}), so the numbers can be
 * checked against {@code torch.optim}.
 */
public interface Optimizer {

    /** Changes every parameter's value in place by one update computed from its current gradient. */
    void step();

    /** Sets every parameter's gradient to zero (PyTorch's {@code zero_grad(set_to_none=False)}). */
    default void zeroGrad() {
        parameters().zeroGrad();
    }

    /** The parameters this optimiser updates, by name. */
    Parameters parameters();

    /** The learning rate η. */
    double learningRate();
}
