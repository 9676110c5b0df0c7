package unrolled.train;

/**
 * A loss curve that redraws itself after every epoch in a notebook: the first epoch displays the chart, later epochs
 * replace it in place. The title carries the latest progress line:
 * "Training loss — epoch 3/20  loss 0.4821  1.3 s".
 */
public final class LiveChart implements TrainingListener {

    private final NotebookDisplay display;
    private String displayId;

    public LiveChart(NotebookDisplay display) {
        this.display = display;
    }

    @Override
    public void epochEnded(History history) {
        Object chart = history.chart("Training loss — " + history.progressLine(history.epochs()));
        if (displayId == null) {
            displayId = display.display(chart);
        } else {
            display.update(displayId, chart);
        }
    }
}
