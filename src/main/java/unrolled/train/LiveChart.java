package unrolled.train;

import java.time.Duration;

/**
 * A loss curve that redraws itself in a notebook as training goes: the first epoch displays the chart, later epochs
 * replace it in place. Drawing a chart costs milliseconds, which adds up when epochs are short, so between the first
 * and the last epoch it redraws at most once per {@code minInterval}. The title carries the latest progress line:
 * "Training loss — epoch 3/20  loss 0.4821  1.3 s".
 */
public final class LiveChart implements TrainingListener {

    private final NotebookDisplay display;
    private final long minIntervalNanos;
    private String displayId;
    private long lastDrawn;

    /** Redraws at most once a second (and always at the last epoch). */
    public LiveChart(NotebookDisplay display) {
        this(display, Duration.ofSeconds(1));
    }

    /** Redraws at most once per {@code minInterval} (and always at the last epoch). */
    public LiveChart(NotebookDisplay display, Duration minInterval) {
        this.display = display;
        this.minIntervalNanos = minInterval.toNanos();
    }

    @Override
    public void epochEnded(History history) {
        long now = System.nanoTime();
        boolean last = history.epochs() == history.plannedEpochs();
        if (displayId != null && !last && now - lastDrawn < minIntervalNanos) {
            return;
        }
        lastDrawn = now;
        Object chart = history.chart("Training loss — " + history.progressLine(history.epochs()));
        if (displayId == null) {
            displayId = display.display(chart);
        } else {
            display.update(displayId, chart);
        }
    }
}
