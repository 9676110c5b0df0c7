/**
 * What a lesson needs besides the maths: {@link unrolled.lesson.Claim} checks an outcome the prose states and
 * prints a ✓ line with the measured value (or fails, naming the claim and the value); {@link unrolled.lesson.Spread}
 * summarises an experiment run over several seeds; {@link unrolled.lesson.Timing} prints every wall-clock time with
 * one mark, ⏱, the only output allowed to differ between two runs of a notebook; {@link unrolled.lesson.Show}
 * holds the print and compare helpers ({@code printf}, {@code f}, {@code maxDiff}) every notebook imports.
 */
package unrolled.lesson;
