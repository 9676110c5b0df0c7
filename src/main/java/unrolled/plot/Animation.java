package unrolled.plot;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.util.Base64;
import java.util.List;

/**
 * Frames shown as an animation in an IJava notebook, two ways:
 * <ul>
 *   <li>{@link #play} shows the first frame with IJava's {@code display(image)}, which returns an id, then replaces
 *       it in place with {@code updateDisplay(id, image)} every {@code pauseMs}: live while the cell runs; a saved
 *       notebook keeps only the last frame;</li>
 *   <li>{@link #gif} encodes the frames as a looping {@link Gif} and returns it as a Jupyter MIME bundle — IJava's
 *       {@code DisplayData} with the base64 bytes under {@code image/gif} and a line of {@code text/plain} — so, as
 *       the last expression of a cell, the output is the GIF and stays in a saved notebook.</li>
 * </ul>
 * IJava's classes are found by reflection (as {@code unrolled.train.NotebookDisplay} does), so the library needs no
 * IJava at compile time; outside a notebook {@code play} does nothing and {@code gif} returns the text line.
 */
public final class Animation {

    static final String DISPLAY = "io.github.spencerpark.ijava.runtime.Display";
    static final String DISPLAY_DATA = "io.github.spencerpark.jupyter.kernel.display.DisplayData";

    private Animation() {}

    /** Plays the frames in place, one every {@code pauseMs} milliseconds; without IJava, does nothing. */
    public static void play(List<BufferedImage> frames, long pauseMs) throws InterruptedException {
        Class<?> display = ijava(DISPLAY);
        if (display == null || frames.isEmpty()) {
            return;
        }
        String id = (String) call(display, "display", new Class<?>[] {Object.class}, frames.get(0));
        for (int k = 1; k < frames.size(); k++) {
            Thread.sleep(pauseMs);
            call(display, "updateDisplay", new Class<?>[] {String.class, Object.class}, id, frames.get(k));
        }
    }

    /**
     * The frames as a looping GIF, {@code delayMs} per frame: IJava's {@code DisplayData} in a notebook, else its
     * text line ("animated GIF: 21 frames of 760×480, 118 KB").
     */
    public static Object gif(List<BufferedImage> frames, int delayMs) {
        byte[] bytes = Gif.encode(frames, delayMs);
        String text = "animated GIF: " + frames.size() + " frames of " + frames.get(0).getWidth() + "×"
                + frames.get(0).getHeight() + ", " + bytes.length / 1024 + " KB";
        Class<?> type = ijava(DISPLAY_DATA);
        if (type == null) {
            return text;
        }
        try {
            Object data = type.getConstructor(String.class).newInstance(text);
            type.getMethod("putData", String.class, Object.class)
                    .invoke(data, "image/gif", Base64.getEncoder().encodeToString(bytes));
            return data;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Animation.gif: cannot build IJava's DisplayData", e);
        }
    }

    private static Class<?> ijava(String name) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                Animation.class.getClassLoader()}) {
            if (loader != null) {
                try {
                    return Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next loader
                }
            }
        }
        return null;
    }

    private static Object call(Class<?> type, String method, Class<?>[] parameters, Object... arguments) {
        try {
            return type.getMethod(method, parameters).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("Animation: IJava's " + method + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Animation: cannot call IJava's " + method, e);
        }
    }
}
