package unrolled.fast.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * σ and tanh of the fused layers give the same bits in a purely interpreted JVM and after the JIT has compiled them,
 * so a seeded run cannot end differently the second time (a last-bit difference, amplified by training on a plateau,
 * once turned a learned task into chance).
 */
class ReproducibleActivationsTest {

    @Test
    void interpretedAndCompiledActivationsAgreeToTheBit() throws IOException, InterruptedException {
        for (int i = 0; i < 3000; i++) {
            ActivationsProbe.hash(); // warm up: C1, then C2
        }
        String warm = Long.toHexString(ActivationsProbe.hash());

        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xint",
                "-cp", System.getProperty("java.class.path")));
        if (Gemm.isSimd()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        command.add(ActivationsProbe.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(false).start();
        child.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String interpreted = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        child.waitFor(60, TimeUnit.SECONDS);

        assertEquals(interpreted, warm, "σ/tanh bits: interpreted JVM vs after JIT warm-up (SIMD: " + Gemm.isSimd() + ")");
    }
}
