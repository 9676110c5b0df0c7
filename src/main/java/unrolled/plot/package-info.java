/**
 * Figures for the notebooks: XChart charts rendered to {@link java.awt.image.BufferedImage}, so that a chart as the
 * last expression of an IJava cell shows as a picture. Start at {@link unrolled.plot.Charts}.
 */
package unrolled.plot;
