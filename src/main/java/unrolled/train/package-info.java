/**
 * Training recurrent networks: sequence losses ({@link unrolled.train.LossAveragedOverTime}), optimisers with PyTorch's
 * update rules ({@link unrolled.train.SGD}, {@link unrolled.train.RMSprop}, {@link unrolled.train.Adam}), gradient
 * clipping ({@link unrolled.train.Clipping}), truncated BPTT over a long sequence
 * ({@link unrolled.train.SequenceSampler}, {@link unrolled.train.TruncatedBPTT}) and a training loop with progress
 * reports and a live chart in notebooks ({@link unrolled.train.Trainer}).
 */
package unrolled.train;
