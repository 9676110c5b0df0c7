/**
 * Looking inside recurrent networks: backpropagation through time written out by hand ({@link
 * unrolled.analysis.ElmanBptt}, checked against autodiff), how ∂L/∂h_t fades or grows going back in time ({@link
 * unrolled.analysis.GradientFlow}), what the gates of an LSTM or GRU do over a sequence ({@link
 * unrolled.analysis.GateTraces}), article 1's w^(N−1) example ({@link unrolled.analysis.SimplestRnn}) and the rugged
 * error surface of a tiny RNN ({@link unrolled.analysis.LossSurface}).
 */
package unrolled.analysis;
