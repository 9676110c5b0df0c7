/**
 * Recurrent networks built from graph ops: the cells ({@link unrolled.nn.ElmanCell}, {@link unrolled.nn.LSTMCell},
 * {@link unrolled.nn.GRUCell}, {@link unrolled.nn.PeepholeLSTMCell}, {@link unrolled.nn.JordanCell}), each one time
 * step (x_t, state_{t−1}) → state_t written as its formula; {@link unrolled.nn.RecurrentLayer}, a cell unrolled over a
 * sequence; {@link unrolled.nn.Recurrent}, stacked and bidirectional layers with PyTorch's parameter names; the
 * structures many-to-one, many-to-many, one-to-many and encoder–decoder; and {@link unrolled.nn.Parameters}. A cell
 * may declare a fused form ({@link unrolled.nn.Cell#fusedForm()}), which runs the whole sequence as one op of the
 * speed tier ({@link unrolled.fast.Fused}).
 */
package unrolled.nn;
