/**
 * Figures for the notebooks, each a {@link java.awt.image.BufferedImage}, so that a figure as the last expression of
 * an IJava cell shows as a picture.
 * <ul>
 *   <li>Charts: XChart line, bar and heatmap charts. Start at {@link unrolled.plot.Charts}; {@link
 *       unrolled.plot.Traces} lays a gate trace out for a heatmap.</li>
 *   <li>Cell pictures, colah-style, with real values: {@link unrolled.plot.CellSchematics} gives the schematic
 *       ({@link unrolled.plot.CellSchematic}) of the RNN, LSTM or GRU cell, {@link unrolled.plot.CellRun} runs a
 *       library cell and keeps every value, {@link unrolled.plot.CellDrawing} draws one frame, every frame, or a step
 *       with one gate highlighted; {@link unrolled.plot.Animation} plays frames in the notebook or returns them as a
 *       {@link unrolled.plot.Gif}.</li>
 *   <li>{@link unrolled.plot.StructureDiagram}: the RNN input/output structures side by side.</li>
 * </ul>
 */
package unrolled.plot;
