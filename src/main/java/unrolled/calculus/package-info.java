/**
 * Calculus on the graphs of {@code unrolled.graph}, for seeing and checking what backward computes:
 * {@link unrolled.calculus.ForwardMode} (tangents ẏ = Σᵢ (∂y/∂xᵢ)·ẋᵢ pushed forward, one pass per input direction),
 * {@link unrolled.calculus.AllPaths} (the chain rule read literally: ∂y/∂x as the sum over paths of the products of
 * local derivatives), {@link unrolled.calculus.GradCheck} (backward's gradients against central differences
 * (f(θ + ε) − f(θ − ε))/2ε) and {@link unrolled.calculus.Diagram} (a picture of a graph, with values and gradients).
 */
package unrolled.calculus;
