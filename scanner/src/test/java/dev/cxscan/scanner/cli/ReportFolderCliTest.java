package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --out holds exactly one run's reports: a scan of nothing leaves it as it was, a new run's files replace the
 * previous run's (no stale format stays), a user's own file stays. The account command writes through the same
 * {@link Reporting#write} and {@link ReportFolder}, so the template path covers it.
 */
class ReportFolderCliTest {
    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("cxscan-report");
    }

    private Path template() throws IOException {
        Path t = dir.resolve("template.json");
        if (!Files.exists(t)) {
            Files.writeString(t, TemplateCommandTest.BUCKETS);
        }
        return t;
    }

    /** A previous report with every format, the evidence bundle included. */
    private Map<String, String> previousReport() throws IOException {
        CliRun first = CliRun.run("template", "--out", out().toString(), "--format",
                "text,json,html,md,sarif,junit,csv,evidence", template().toString());
        assertEquals(ExitCodes.OK, first.exit(), first::toString);
        assertTrue(Files.isRegularFile(out().resolve("evidence").resolve("manifest.json")), first::toString);
        return snapshot(out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a typo", "invalid YAML", "an empty folder", "manifest.json as a template"})
    void aScanOfNothingLeavesThePreviousReportByteIdentical(String input) throws IOException {
        Map<String, String> before = previousReport();
        Path path = switch (input) {
            case "a typo" -> dir.resolve("examples").resolve("cdk.ou");
            case "invalid YAML" -> Files.writeString(dir.resolve("broken.yaml"), "Resources:\n  A: [unclosed\n");
            case "an empty folder" -> Files.createDirectories(dir.resolve("empty"));
            default -> Files.copy(Path.of("..", "examples", "cdk.out", "manifest.json"), dir.resolve("manifest.json"));
        };
        CliRun r = CliRun.run("template", "--out", out().toString(), path.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertTrue(r.err().contains("cxscan: error: "), r::toString);
        assertTrue(r.err().contains("nothing was scanned: no report written"), r::toString);
        assertFalse(r.out().contains("No findings."), "no table of an empty scan:\n" + r);
        assertEquals(before, snapshot(out()), "the previous report is untouched");
        assertEquals(List.of(), leftovers(), "no staging folder is left");
    }

    @Test
    void aScanOfNothingCreatesNoOutFolder() throws IOException {
        Path fresh = dir.resolve("new").resolve("report");
        CliRun r = CliRun.run("template", "--out", fresh.toString(), dir.resolve("cdk.ou").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertFalse(Files.exists(dir.resolve("new")), "the folders the write check created are removed again");
    }

    @Test
    void aRunWithoutCsvRemovesThePreviousRunsCsv() throws IOException {
        CliRun csv = CliRun.run("template", "--out", out().toString(), "--format", "csv,json", template().toString());
        assertEquals(ExitCodes.OK, csv.exit(), csv::toString);
        assertTrue(Files.isRegularFile(out().resolve("self-assessment.csv")), csv::toString);

        CliRun plain = CliRun.run("template", "--out", out().toString(), template().toString());
        assertEquals(ExitCodes.OK, plain.exit(), plain::toString);
        assertFalse(Files.exists(out().resolve("self-assessment.csv")), "no stale self-assessment:\n" + plain);
        assertFalse(Files.exists(out().resolve("findings.csv")), plain::toString);
        assertFalse(plain.err().contains("warning"), "nothing of a user's to warn about:\n" + plain);
        TreeSet<String> present = new TreeSet<>();
        snapshot(out()).keySet().forEach(p -> present.add(p.split("/")[0]));
        present.remove(ReportFolder.MANIFEST);
        TreeSet<String> recorded = new TreeSet<>();
        new ObjectMapper().readTree(out().resolve(ReportFolder.MANIFEST).toFile()).path("files")
                .forEach(n -> recorded.add(n.asText()));
        assertEquals(recorded, present, "the folder holds exactly what this run recorded");
        assertTrue(new ObjectMapper().readTree(out().resolve(ReportFolder.MANIFEST).toFile()).path("complete").asBoolean());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aUsersOwnFilesSurviveEveryRunAndAStrayReportNameIsNamed() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("notes.txt"), "mine");
        previousReport();
        // a file with a report's name that cxscan did not write (copied in by hand, say) is not removed
        Files.writeString(out().resolve("junit.xml.keep"), "mine too");
        Files.move(out().resolve("junit.xml.keep"), out().resolve("junit.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String manifest = Files.readString(out().resolve(ReportFolder.MANIFEST));
        Files.writeString(out().resolve(ReportFolder.MANIFEST), manifest.replace("\"junit.xml\"", "\"other.xml\""));

        CliRun r = CliRun.run("template", "--out", out().toString(), "--format", "json", template().toString());
        assertEquals(ExitCodes.OK, r.exit(), r::toString);
        assertEquals("mine", Files.readString(out().resolve("notes.txt")));
        assertEquals("mine too", Files.readString(out().resolve("junit.xml")));
        assertTrue(r.err().contains("warning: " + out().resolve("junit.xml") + " is not from this run"), r::toString);
        assertFalse(Files.exists(out().resolve("index.html")), "the previous run's files are gone");
        assertFalse(Files.exists(out().resolve("evidence")), r::toString);
        assertTrue(Files.isRegularFile(out().resolve("results.json")));
    }

    @Test
    void anUnrecordedReportFromAnOlderCxscanIsReplacedWithAWarning() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("results.json"), "{\"old\": true}");
        CliRun r = CliRun.run("template", "--out", out().toString(), "--format", "json", template().toString());
        assertEquals(ExitCodes.OK, r.exit(), r::toString);
        assertTrue(Files.readString(out().resolve("results.json")).contains("\"schemaVersion\""), r::toString);
        assertTrue(r.err().contains("warning: replaced " + out().resolve("results.json")), r::toString);
    }

    @Test
    void anEvidenceErrorWritesNothingEither() throws IOException {
        Map<String, String> before = previousReport();
        CliRun r = CliRun.run("template", "--out", out().toString(), "--evidence",
                dir.resolve("missing.yaml").toString(), template().toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r::toString);
        assertEquals(before, snapshot(out()));
    }

    /** Every file under {@code root} (relative path, content), folders left out. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'),
                        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).forEach(found::add);
        }
        return found;
    }
}
