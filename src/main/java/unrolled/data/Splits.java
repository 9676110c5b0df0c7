package unrolled.data;

/**
 * The windows of one series split in time order: the training windows come first, then validation, then test, so
 * the model is always evaluated on a later stretch of the series than it was trained on.
 *
 * @param train      the first windows
 * @param validation the windows after those (may be empty)
 * @param test       the last windows (may be empty)
 */
public record Splits(SlidingWindows train, SlidingWindows validation, SlidingWindows test) {

    /** @return for example {@code Splits[train 231, validation 29, test 29 windows of 20 steps]} */
    @Override
    public String toString() {
        return "Splits[train " + train.size() + ", validation " + validation.size() + ", test " + test.size()
                + " windows of " + train.steps() + " steps]";
    }
}
