package unrolled.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Told at the end of every epoch, with the history so far (its last epoch is the one just finished). The
 * {@link Trainer} reports through these: a progress line by default, and a live loss chart in a notebook.
 */
@FunctionalInterface
public interface TrainingListener {

    void epochEnded(History history);

    /** Prints {@code epoch 3/20  loss 0.4821  ppl 1.62  1.3 s} for every epoch. */
    static TrainingListener printTo(PrintStream out) {
        return history -> out.println(history.progressLine(history.epochs()));
    }

    /** The Trainer's default: progress lines on standard output and, inside IJava, a live loss chart. */
    static List<TrainingListener> defaults() {
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(printTo(System.out));
        NotebookDisplay.ijava().ifPresent(display -> listeners.add(new LiveChart(display)));
        return listeners;
    }
}
