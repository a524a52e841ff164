package dev.cxscan.reports.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle stores each judged resource once, whatever the number of controls and findings naming it. */
class EvidenceResourceFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // one database, judged by three checks feeding three controls
    private static final Check ENCRYPTED = SampleScan.check("rds_storage_encrypted", "RDS storage is encrypted", "");
    private static final Check BACKUP = SampleScan.check("rds_backup_retention", "RDS backups are kept", "");
    private static final Check MULTI_AZ = SampleScan.check("rds_multi_az", "RDS instances are Multi-AZ", "");

    @TempDir
    Path tmp;

    @Test
    void aResourceJudgedByThreeControlsIsStoredInOneFileThatEveryControlPageLinks() throws IOException {
        Path root = bundle(assembly(1, 1), tmp.resolve("one")).resolve("evidence");
        List<Path> holding = files(root).stream().filter(p -> read(p).contains("\"Db0000\"")).map(root::relativize).toList();
        assertEquals(List.of(Path.of("resources/1-Stack00.template.json")), holding.stream()
                .filter(p -> !p.toString().equals("results.json") && !p.getFileName().toString().equals("findings.json")
                        && !p.getFileName().toString().equals("index.html")).toList(),
                "the data is in one resources file (results.json, findings.json and pages name the resource)");

        JsonNode file = JsonReportWriter.mapper().readTree(root.resolve("resources/1-Stack00.template.json").toFile());
        assertEquals("template cdk.out/Stack00.template.json", file.get("source").asText());
        assertEquals(1, file.get("resources").size());
        JsonNode db = file.at("/resources/0");
        assertEquals(List.of("NETSEC-002", "REL-002", "DOC-001"), strings(db.get("controls")));
        assertEquals(3, db.get("findings").size());
        assertEquals("postgres", db.at("/data/Properties/Engine").asText());
        for (String control : List.of("NETSEC-002", "REL-002", "DOC-001")) {
            assertFalse(Files.exists(root.resolve(control).resolve("resources")), control + " keeps no copy");
            String page = Files.readString(root.resolve(control).resolve("index.html"));
            assertTrue(page.contains("href=\"../resources/1-Stack00.template.json\"") && page.contains("resources[0]"), control);
        }
    }

    @Test
    void verifyEvidencePassesAndDetectsAChangedResourceFile() throws IOException {
        Path out = bundle(assembly(2, 3), tmp.resolve("verify"));
        assertTrue(EvidenceVerifier.verify(out.resolve("evidence.zip")).ok());
        Path file = out.resolve("evidence/resources/2-Stack01.template.json");
        assertTrue(EvidenceVerifier.verify(out.resolve("evidence")).ok());
        Files.writeString(file, Files.readString(file).replace("postgres", "mysql"));
        EvidenceVerifier.Result r = EvidenceVerifier.verify(out.resolve("evidence"));
        assertFalse(r.ok());
        assertEquals(List.of("resources/2-Stack01.template.json"), r.changed());
    }

    @Test
    void filesGrowWithTemplatesNotWithResourcesTimesControls() throws IOException {
        Bundle small = measure(assembly(2, 20), tmp.resolve("2x20"));
        Bundle large = measure(assembly(2, 400), tmp.resolve("2x400"));
        Bundle wide = measure(assembly(6, 20), tmp.resolve("6x20"));
        assertEquals(small.files(), large.files(), "20 times the resources, the same files");
        assertEquals(small.files() + 4, wide.files(), "one resources file more per template");
        // per judged resource: its data once, its three findings in results.json, findings.json and the pages
        long perResource = (large.bytes() - small.bytes()) / (2 * 380);
        assertTrue(perResource < 9_000, perResource + " bytes per resource");
        assertTrue(large.files() < 50, large.files() + " files");
    }

    /** S stacks of R databases, each judged by three controls. */
    private static ScanResult assembly(int stacks, int perStack) {
        List<Finding> findings = new ArrayList<>();
        Map<ResourceRef, JsonNode> data = new LinkedHashMap<>();
        List<String> templates = new ArrayList<>();
        for (int s = 0; s < stacks; s++) {
            String template = String.format("cdk.out/Stack%02d.template.json", s);
            templates.add(template);
            for (int i = 0; i < perStack; i++) {
                String id = String.format("Db%04d", s * perStack + i);
                ResourceRef db = ResourceRef.template("AWS::RDS::DBInstance", id, template, 10 + i, "Stack/" + id + "/Resource");
                findings.add(Finding.of(ENCRYPTED, Status.FAIL, db, "StorageEncrypted is false"));
                findings.add(Finding.of(BACKUP, Status.PASS, db, "BackupRetentionPeriod is 7 days"));
                findings.add(Finding.of(MULTI_AZ, Status.FAIL, db, "MultiAZ is false"));
                data.put(db, JSON.createObjectNode().put("Type", "AWS::RDS::DBInstance")
                        .set("Properties", JSON.createObjectNode().put("Engine", "postgres").put("StorageEncrypted", false)
                                .put("BackupRetentionPeriod", 7).put("MultiAZ", false)));
            }
        }
        Instant start = Instant.parse("2025-06-02T09:15:00Z");
        ScanInfo scan = new ScanInfo(start, start.plusSeconds(5), null, null, List.of(), templates);
        return ScanResult.of(scan, findings, List.of(ENCRYPTED, BACKUP, MULTI_AZ)).withResourceData(data);
    }

    private record Bundle(long files, long bytes) {
    }

    private Bundle measure(ScanResult result, Path out) throws IOException {
        List<Path> files = files(bundle(result, out).resolve("evidence"));
        long bytes = 0;
        for (Path p : files) {
            bytes += Files.size(p);
        }
        return new Bundle(files.size(), bytes);
    }

    private static Path bundle(ScanResult result, Path out) throws IOException {
        new EvidenceBundleWriter().write(result, Files.createDirectories(out));
        return out;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
