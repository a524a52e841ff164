package dev.cxscan.scanner.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: a separate JVM, real exit codes, real stdout and stderr. */
class CxscanJarIT {
    private static Path jar;

    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {
    }

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("cxscan.jar", "target/cxscan.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar is built in package: " + jar.toAbsolutePath());
    }

    private Proc run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cxscan finished");
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void templateScanGatesAndWritesReports() throws Exception {
        Files.writeString(dir.resolve("app.yaml"), """
                Resources:
                  Plain:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault:
                              SSEAlgorithm: none
                """);
        Proc p = run("template", "app.yaml", "--fail-on", "low", "--format", "text,json,sarif");
        assertEquals(1, p.exit(), p.toString());
        assertTrue(p.out().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("s3_bucket_encrypted")
                && l.contains("app.yaml:2 Plain")), p.out());
        assertTrue(p.err().contains("cxscan: wrote cxscan-report"), p.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("cxscan-report/results.json").toFile());
        assertEquals(1, json.path("schemaVersion").asInt());
        assertTrue(json.at("/tool/version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), json.path("tool").toString());
        JsonNode sarif = new ObjectMapper().readTree(dir.resolve("cxscan-report/results.sarif").toFile());
        assertEquals("app.yaml", sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Proc missing = run("template", "nope.json");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("cxscan: error: nope.json: "), missing.err());
        assertEquals(2, run("template", "x.json", "--format", "xml").exit());
    }

    @Test
    void controlsAndVersion() throws Exception {
        Proc controls = run("controls");
        assertEquals(0, controls.exit());
        assertTrue(controls.out().contains("NETSEC-002"), controls.out());
        Proc version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("cxscan "), version.out());
    }
}
