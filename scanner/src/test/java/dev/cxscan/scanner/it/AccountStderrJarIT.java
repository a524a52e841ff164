package dev.cxscan.scanner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code cxscan account} prints on stderr as a user sees it: the shaded jar in its own JVM (only there do
 * the SDK's logging set-up and the environment's credentials behave as in real use).
 */
class AccountStderrJarIT {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {
    }

    /** The jar with an environment free of AWS settings but {@code env}, and HOME in the test folder. */
    private Proc run(Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("cxscan.jar", "target/cxscan.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar: " + jar.toAbsolutePath());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("CXSCAN_DEBUG"));
        Path empty = Files.writeString(dir.resolve("empty-aws-file"), "");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("AWS_CONFIG_FILE", empty.toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "cxscan finished");
        return new Proc(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aScanAgainstTheEmulatorPrintsNoLoggingSetUpWarnings() throws Exception {
        Proc p = run(Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"),
                "account", "--endpoint-url", EMULATOR.endpoint().toString(), "--regions", "us-east-1",
                "--format", "json", "--fail-on", "none", "--out", "report");
        assertTrue(p.err().contains("scanning account " + MotoServerExtension.ACCOUNT), p.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report/results.json")), p.toString());
        assertFalse(p.err().contains("SLF4J"), p.err());
    }

    @Test
    void noCredentialsInAnEmptyEnvironmentIsOneLineAndExit3() throws Exception {
        Proc p = run(Map.of(), "account", "--regions", "us-east-1", "--out", "report");
        assertEquals(3, p.exit(), p.toString());
        List<String> lines = p.err().lines().toList();
        assertEquals(1, lines.size(), p.toString());
        assertTrue(lines.get(0).startsWith("cxscan: error: no AWS credentials found: give --profile NAME"), p.toString());
        assertTrue(lines.get(0).length() < 250, p.toString());
    }
}
