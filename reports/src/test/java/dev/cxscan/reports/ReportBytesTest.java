package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every report file, byte for byte, for the two sample scans (with and without secrets): the files written by every
 * format (the text table captured from stdout, the evidence folder file by file, the zip's entries) must equal
 * the ones checked in under {@code golden/}, which were written before the writers were reworked to hold less in
 * memory. Normalized only where the content legitimately varies: the tool version and commit (the build's), and the manifest's
 * hashes and sizes (they follow the version; the hashed files are compared themselves). Run with
 * {@code -Dcxscan.golden.update=true} to rewrite the golden files after an intended change of a report.
 */
class ReportBytesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/cxscan/reports/golden");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sample", "secrets"})
    void everyFormatWritesTheSameBytesAsBefore(String name) throws IOException {
        ScanResult result = name.equals("sample") ? SampleScan.create(tmp.resolve("in")) : SampleScan.withSecrets(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        StringWriter stdout = new StringWriter();
        ReportWriters.Options options = new ReportWriters.Options(new PrintWriter(stdout), false, false);
        ScanResult scrubbed = Redactor.scrub(result);
        for (String format : ReportWriters.available()) {
            ReportWriters.create(format, options).orElseThrow().write(scrubbed, out);
        }
        Files.writeString(out.resolve("stdout.txt"), stdout.toString(), StandardCharsets.UTF_8);
        TreeMap<String, String> actual = contents(out);

        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("cxscan.golden.update")) {
            for (var e : actual.entrySet()) {
                Path f = golden.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertTrue(Files.isDirectory(golden), "no golden files at " + golden.toAbsolutePath());
        TreeMap<String, String> expected = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(golden)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                expected.put(golden.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "the same files");
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), actual.get(file), file);
        }
    }

    /** Relative path to normalized content; a zip appears as {@code NAME.zip.entries}, its entry names and times. */
    private static TreeMap<String, String> contents(Path out) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String rel = out.relativize(f).toString().replace('\\', '/');
            if (rel.endsWith(".zip")) {
                // the zip holds the evidence folder: each entry must equal its file, and the entries are recorded
                List<String> names = new ArrayList<>();
                try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(f), StandardCharsets.UTF_8)) {
                    for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                        names.add(e.getName() + " " + e.getLastModifiedTime());
                        assertEquals(Files.readString(out.resolve(e.getName()), StandardCharsets.UTF_8),
                                new String(zin.readAllBytes(), StandardCharsets.UTF_8), rel + "!/" + e.getName());
                    }
                }
                m.put(rel + ".entries", String.join("\n", names));
            } else {
                m.put(rel, normalize(rel, Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return m;
    }

    private static String normalize(String name, String content) {
        ToolInfo tool = ToolInfo.current();
        String s = content.replace(tool.version(), "VERSION");
        if (tool.commit().matches("[0-9a-f]{40}")) {
            s = s.replace(tool.commit(), "COMMIT").replace(tool.shortCommit(), "COMMIT");
        }
        if (name.endsWith("manifest.json")) {
            s = s.replaceAll("\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"HASH\"")
                    .replaceAll("\"size\" : \\d+", "\"size\" : 0");
        }
        return s;
    }
}
