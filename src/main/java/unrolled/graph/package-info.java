/**
 * The autodiff core: computation graphs of matrices and reverse-mode differentiation (backpropagation), in plain Java
 * on EJML matrices. Read it top to bottom in this order:
 * <ol>
 *   <li>{@link unrolled.graph.Node}: a value, its gradient ∂L/∂(value), the nodes it came from and the op that made
 *       it; leaves are parameters or constants.</li>
 *   <li>{@link unrolled.graph.Function}: the contract of one op: forward y = f(x₁, …, xₙ), backward (the
 *       vector–Jacobian product (∂y/∂xᵢ)ᵀ·g added into each input's gradient) and tangent (the Jacobian–vector
 *       product Σᵢ (∂y/∂xᵢ)·ẋᵢ, for forward mode).</li>
 *   <li>{@link unrolled.graph.Ops}: every op as a static function, so that a cell reads like its formula,
 *       {@code tanh(add(matmul(x, U), matmul(h, W)))}.</li>
 *   <li>The op families, each a small file of {@code Function}s with the formula and its derivative in the Javadoc:
 *       {@code Arithmetic} (+, −, ⊙, A·B, X·Wᵀ + b, bias, transpose), {@code Pointwise} (tanh, σ, relu, exp, log,
 *       pow), {@code Reductions} (sum, mean, row softmax), {@code Join} and {@code Slice} (concat, stack, cut),
 *       {@code Embedding} (row lookup) and {@code Losses} (mean squared error, softmax cross-entropy).</li>
 *   <li>{@link unrolled.graph.Graph} and {@link unrolled.graph.Node#backward()}: the topological order, and the
 *       reverse-mode loop that seeds ∂L/∂L = 1 and lets every op pass its gradient back.</li>
 * </ol>
 * Around them: {@link unrolled.graph.Tensors} (small factories for matrices), {@code Shapes} and
 * {@link unrolled.graph.ShapeException} (shape checks whose messages name the op and the shapes) and
 * {@link unrolled.graph.RowSlices} (row blocks of one matrix that {@code stackRows} gives back without copying, as
 * the speed tier's fused layers return their T steps).
 *
 * <p>What is not here: the elementary functions σ, tanh′, softmax and log-sum-exp are written once in
 * {@link unrolled.maths.Elementary}; forward mode, path sums, the gradient check and the drawings are in
 * {@code unrolled.calculus}; the one call into the speed tier is {@code MatMul}'s and {@code Linear}'s use of
 * {@link unrolled.fast.kernel.Gemm} for A·B and its transposes.
 */
package unrolled.graph;
