/**
 * The elementary functions, each written once in its numerically stable form: {@link unrolled.maths.Elementary}
 * (σ, σ′, tanh′, relu′, softmax with its log-sum-exp). It depends on nothing else in the library, so every other
 * package can call it.
 */
package unrolled.maths;
