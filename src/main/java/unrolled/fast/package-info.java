/**
 * The speed tier of the recurrent layers: a whole Elman, GRU or LSTM layer over a whole sequence as one graph op with
 * a hand-written backward pass, as PyTorch's {@code nn.LSTM} runs behind its {@code LSTMCell}. Its one public seam is
 * {@link unrolled.fast.Fused}, which the cells of {@code unrolled.nn} call to declare their fused form, passing their
 * weights as a typed {@link unrolled.fast.Fused.Weights}; the ops themselves ({@code FusedRecurrence},
 * {@code FusedElman}, {@code FusedLSTM}, {@code FusedGRU}) and {@code RowBlocks}, the list of a layer's T steps as row
 * blocks of the op's value (a {@link unrolled.graph.RowSlices}, so {@code stackRows} gives the value back without a
 * copy), are package-private. The matrix and activation kernels
 * they run on are in {@link unrolled.fast.kernel}.
 *
 * <p>Dependencies point one way: {@code unrolled.nn} → {@code unrolled.fast} → {@code unrolled.graph},
 * {@code unrolled.calculus} (for the ops' forward mode), {@code unrolled.fast.kernel} → {@code unrolled.maths}.
 */
package unrolled.fast;
