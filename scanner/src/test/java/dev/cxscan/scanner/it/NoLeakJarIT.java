package dev.cxscan.scanner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.scanner.SecretFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar in its own JVM with AWS credentials in its environment (an in-process test cannot set
 * environment variables): a template scan full of secrets, every format, CXSCAN_DEBUG on. No secret of the
 * template or the environment appears in any file written, on stdout or on stderr.
 */
class NoLeakJarIT {
    @TempDir
    Path dir;

    @Test
    void secretsFromTemplatesAndEnvironmentAppearNowhere() throws Exception {
        Path jar = Path.of(System.getProperty("cxscan.jar", "target/cxscan.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar: " + jar.toAbsolutePath());
        Files.writeString(dir.resolve("secrets.yaml"), SecretFixtures.TEMPLATE);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString(), "template", "secrets.yaml", "--format", SecretFixtures.ALL_FORMATS,
                "--fail-on", "none", "--out", "report")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", SecretFixtures.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SecretFixtures.SECRET_ACCESS_KEY);
        env.put("AWS_SESSION_TOKEN", SecretFixtures.SESSION_TOKEN);
        env.put("CXSCAN_DEBUG", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cxscan finished");
        String out = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out + err);
        Map<String, String> texts = SecretFixtures.outputs(dir.resolve("report"));
        assertTrue(texts.keySet().containsAll(List.of("results.json", "results.sarif", "junit.xml", "index.html", "summary.md",
                "self-assessment.csv", "findings.csv", "evidence.zip", "evidence/manifest.json")), texts.keySet().toString());
        assertTrue(out.contains("Totals:"), "the table was printed: " + out);
        texts.put("stdout", out);
        texts.put("stderr", err);
        assertEquals(List.of(), SecretFixtures.leaks(texts));
    }
}
