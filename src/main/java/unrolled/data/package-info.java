/**
 * Data for the notebooks: real time series cut into sliding windows ({@link unrolled.data.TimeSeries},
 * {@link unrolled.data.SlidingWindows}, {@link unrolled.data.Batch}) and character vocabularies for text
 * ({@link unrolled.data.Vocabulary}).
 *
 * <p>Tensors are EJML {@code DMatrixRMaj}, batch × features: one row per example. A recurrent network reads a
 * sequence as a list of T matrices, one per time step, each batch × features.
 */
package unrolled.data;
