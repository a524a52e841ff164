package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.csv.CsvWriter;
import dev.cxscan.reports.evidence.EvidenceBundleWriter;
import dev.cxscan.reports.html.HtmlReportWriter;
import dev.cxscan.reports.json.JsonReportWriter;
import dev.cxscan.reports.junit.JunitXmlWriter;
import dev.cxscan.reports.markdown.MarkdownWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets where they really turn up (an access key of an IAM user in live data and in a message, a literal DB
 * password parameter default in a template entry and quoted in a message, a session token in a Lambda environment
 * and a suppression reason, a key id inside a logical id) never reach any file written by any writer, zip entries
 * included; and the redaction does not eat the evidence around them.
 */
class NoLeakTest {
    @TempDir
    Path tmp;

    static final List<ReportWriter> WRITERS = List.of(new JsonReportWriter(), new HtmlReportWriter(), new JunitXmlWriter(),
            new CsvWriter(), new MarkdownWriter(), new EvidenceBundleWriter());

    @Test
    void noSecretInAnyOutputFile() throws IOException {
        ScanResult r = SampleScan.withSecrets(tmp.resolve("in"));
        // the fixture really carries them
        String raw = r.findings().toString() + r.resourceData();
        for (String s : SampleScan.secrets()) {
            assertTrue(raw.contains(s), "fixture holds " + s);
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        for (ReportWriter w : WRITERS) {
            w.write(r, out);
        }
        Map<String, String> files = contents(out);
        assertTrue(files.size() > 40, "all formats written: " + files.keySet());
        List<String> leaks = new ArrayList<>();
        files.forEach((name, text) -> {
            for (String s : SampleScan.secrets()) {
                if (text.contains(s) || text.contains(s.substring(0, 16))) {
                    leaks.add(name + " holds " + s.substring(0, 8) + "...");
                }
            }
            // escaped forms: JSON escapes '/', HTML escapes '=' and '!'
            if (text.contains("Sup3r-S3cret") || text.contains("wJalrXUtnFEMI") || text.contains("IQoJb3JpZ2luX2Vj")) {
                leaks.add(name + " holds part of a secret");
            }
        });
        assertEquals(List.of(), leaks);

        // the evidence around the secrets is still there
        String cluster = files.get("evidence/resources/2-GenAiStack.template.json");
        assertTrue(cluster != null && cluster.contains("\"MasterUsername\" : \"admin\"") && cluster.contains("[REDACTED]"), cluster);
        assertTrue(files.get("findings.csv").contains("StorageEncrypted is false; MasterUserPassword is '[REDACTED]'"));
        assertTrue(files.get("results.json").contains("access key [REDACTED] is 412 days old"));
        assertFalse(files.get("index.html").contains("AKIA"));
    }

    /** Every file under the folder, and every entry of every zip, as text. */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.endsWith(".zip")) {
                    try (ZipFile z = new ZipFile(p.toFile())) {
                        for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                            ZipEntry e = en.nextElement();
                            try (InputStream in = z.getInputStream(e)) {
                                out.put(rel + "!" + e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
                out.put(rel, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
