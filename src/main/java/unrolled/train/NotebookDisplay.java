package unrolled.train;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Where live output goes in a notebook: {@link #display} shows something and returns its id, {@link #update}
 * replaces what that id shows. {@link #ijava()} binds to IJava's {@code Display} class by reflection, so the library
 * needs no IJava at compile time and runs anywhere.
 */
public interface NotebookDisplay {

    /** The IJava runtime class with {@code display(Object)} and {@code updateDisplay(String, Object)}. */
    String IJAVA_DISPLAY = "io.github.spencerpark.ijava.runtime.Display";

    /** Shows the content (e.g. a BufferedImage) and returns an id to update it with. */
    String display(Object content);

    /** Replaces what the display with this id shows. */
    void update(String id, Object content);

    /** IJava's display when running inside the IJava kernel, else empty. */
    static Optional<NotebookDisplay> ijava() {
        Optional<NotebookDisplay> found = ijava(Thread.currentThread().getContextClassLoader());
        return found.isPresent() ? found : ijava(NotebookDisplay.class.getClassLoader());
    }

    /** IJava's display if its runtime class can be loaded through this class loader, else empty. */
    static Optional<NotebookDisplay> ijava(ClassLoader loader) {
        if (loader == null) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(IJAVA_DISPLAY, false, loader);
            Method display = type.getMethod("display", Object.class);
            Method update = type.getMethod("updateDisplay", String.class, Object.class);
            return Optional.of(new NotebookDisplay() {
                @Override
                public String display(Object content) {
                    return (String) call(display, content);
                }

                @Override
                public void update(String id, Object content) {
                    call(update, id, content);
                }
            });
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Object call(Method method, Object... arguments) {
        try {
            return method.invoke(null, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("NotebookDisplay: cannot call IJava's " + method.getName(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r
                    : new IllegalStateException("NotebookDisplay: IJava's " + method.getName() + " failed", cause);
        }
    }
}
