package unrolled.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch timing the same training step as {@link Benchmark}, in one Python process kept open for the whole run and
 * asked one configuration at a time, right after the Java side has timed it, so both are measured in the same
 * minute of the machine's life. The Python is {@code $UNROLLED_PYTHON}, else {@code python3}; the script is
 * {@code src/main/python/pytorch_reference.py}.
 */
final class PyTorchReference implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("\"torch\": \"([^\"]+)\"");
    private static final Pattern TIMING = Pattern.compile("\"ms_per_step\": ([0-9.eE+-]+)");

    private final Process process;
    private final BufferedReader replies;
    private final Writer requests;
    private final String version;

    private PyTorchReference(Process process) throws IOException {
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Matcher ready = READY.matcher(String.valueOf(replies.readLine()));
        if (!ready.find()) {
            throw new IOException("no torch");
        }
        this.version = ready.group(1);
    }

    /** The reference, or empty when no Python with torch is at hand. */
    static Optional<PyTorchReference> start() {
        String python = System.getenv().getOrDefault("UNROLLED_PYTHON", "python3");
        String script = System.getProperty("unrolled.pytorchScript", "src/main/python/pytorch_reference.py");
        try {
            Process process = new ProcessBuilder(python, script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return Optional.of(new PyTorchReference(process));
            } catch (IOException e) {
                process.destroy();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** torch.__version__. */
    String version() {
        return version;
    }

    /** PyTorch's ms/step for one configuration, or empty if the process stopped answering. */
    OptionalDouble millisecondsPerStep(Benchmark.Config config) {
        try {
            requests.write(config.key() + "\n");
            requests.flush();
            Matcher timing = TIMING.matcher(String.valueOf(replies.readLine()));
            return timing.find() ? OptionalDouble.of(Double.parseDouble(timing.group(1))) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            process.waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
