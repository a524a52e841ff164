package dev.cxscan.reports.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleWriterTest {
    @TempDir
    Path tmp;
    Path out;
    Path zip;
    ScanResult result;

    @BeforeEach
    void write() throws IOException {
        result = SampleScan.create(tmp.resolve("in"));
        out = Files.createDirectories(tmp.resolve("out"));
        zip = new EvidenceBundleWriter().write(result, out);
    }

    @Test
    void aFolderPerControlWithFindingsPagesExcerptsAttachmentsAndAManifest() throws IOException {
        Path root = out.resolve("evidence");
        assertEquals(out.resolve("evidence.zip"), zip);
        for (var c : ControlCatalog.bundled().controls()) {
            for (String f : List.of("index.html", "control.json", "findings.json")) {
                assertTrue(Files.isRegularFile(root.resolve(c.id()).resolve(f)), c.id() + "/" + f);
            }
        }
        JsonNode findings = JsonReportWriter.mapper().readTree(root.resolve("NETSEC-001/findings.json").toFile());
        assertEquals(3, findings.size());
        assertEquals("FAIL", findings.get(0).get("status").asText(), "failing first");
        JsonNode control = JsonReportWriter.mapper().readTree(root.resolve("OPE-002/control.json").toFile());
        assertEquals("ATTESTED", control.get("status").asText());
        assertEquals("attachments/1-runbook.md", control.at("/userEvidence/documents/0/file").asText());
        assertEquals(Files.readString(tmp.resolve("in/docs/runbook.md")), Files.readString(root.resolve("OPE-002/attachments/1-runbook.md")));
        assertTrue(control.get("requirement").asText().startsWith("Create a runbook"));

        // the template excerpt the finding was judged on, with its location
        Path excerpt = root.resolve("resources/1-GenAiStack.template.json");
        JsonNode file = JsonReportWriter.mapper().readTree(excerpt.toFile());
        assertEquals("template cdk.out/GenAiStack.template.json", file.get("source").asText());
        JsonNode ex = file.at("/resources/0");
        assertEquals("WebSg12AB34CD", ex.at("/resource/id").asText());
        assertEquals("template entry at cdk.out/GenAiStack.template.json:42", ex.get("source").asText());
        assertEquals("0.0.0.0/0", ex.at("/data/Properties/SecurityGroupIngress/0/CidrIp").asText());
        assertEquals("ec2_sg_no_public_admin_ports", ex.at("/findings/0/check").asText());
        assertEquals("NETSEC-001", ex.at("/findings/0/control").asText());
        String page = Files.readString(root.resolve("NETSEC-001/index.html"));
        assertTrue(page.contains("Remediation:</strong> Remove the 0.0.0.0/0")
                && page.contains("href=\"../resources/1-GenAiStack.template.json\"") && page.contains("0.0.0.0/0"));
        assertFalse(page.contains(SampleScan.HOSTILE_ID));

        JsonNode manifest = JsonReportWriter.mapper().readTree(root.resolve("manifest.json").toFile());
        assertEquals(Manifest.FORMAT, manifest.get("format").asText());
        assertEquals("123456789012", manifest.at("/scan/account").asText());
        assertEquals("arn:aws:sts::123456789012:assumed-role/CxscanReadOnly/cxscan", manifest.at("/scan/callerArn").asText());
        assertEquals("2025-06-02T09:15:00Z", manifest.at("/scan/startedAt").asText());
        assertEquals("2025-06-02T09:15:42Z", manifest.at("/scan/finishedAt").asText());
        assertEquals("cdk.out/GenAiStack.template.json", manifest.at("/scan/templates/0").asText());
        assertEquals("us-east-1", manifest.at("/scan/regions/0").asText());
        assertEquals(result.tool().version(), manifest.at("/tool/version").asText());
        List<String> listed = new ArrayList<>();
        manifest.get("files").forEach(f -> listed.add(f.get("path").asText()));
        List<String> onDisk;
        try (Stream<Path> s = Files.walk(root)) {
            onDisk = s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("manifest.json")).sorted().toList();
        }
        assertEquals(onDisk, listed, "every file but the manifest is hashed");
        assertTrue(listed.contains("results.json") && listed.contains("index.html"));
    }

    @Test
    void freshBundleVerifiesAsZipAndAsFolder() throws IOException {
        EvidenceVerifier.Result z = EvidenceVerifier.verify(zip);
        assertTrue(z.ok(), z.report().toString());
        assertTrue(z.report().get(0).startsWith("OK: "));
        assertTrue(EvidenceVerifier.verify(out.resolve("evidence")).ok());
        assertTrue(EvidenceVerifier.verify(out).ok(), "the output folder holding evidence/ works too");
        assertEquals(z.manifestSha256(), EvidenceVerifier.verify(out.resolve("evidence")).manifestSha256());
    }

    @Test
    void detectsChangedAddedAndMissingFilesInTheFolder() throws IOException {
        Path root = out.resolve("evidence");
        Files.writeString(root.resolve("NETSEC-001/findings.json"), "[]");
        Files.writeString(root.resolve("NETSEC-001/extra.txt"), "slipped in");
        Files.delete(root.resolve("OPE-002/attachments/1-runbook.md"));
        EvidenceVerifier.Result r = EvidenceVerifier.verify(root);
        assertFalse(r.ok());
        assertEquals(List.of("NETSEC-001/findings.json"), r.changed());
        assertEquals(List.of("NETSEC-001/extra.txt"), r.added());
        assertEquals(List.of("OPE-002/attachments/1-runbook.md"), r.missing());
        assertTrue(r.report().containsAll(List.of("CHANGED NETSEC-001/findings.json", "ADDED   NETSEC-001/extra.txt",
                "MISSING OPE-002/attachments/1-runbook.md")), r.report().toString());
    }

    @Test
    void detectsAOneByteChangeAndDroppedOrAddedEntriesInTheZip() throws IOException {
        Path tampered = tmp.resolve("tampered.zip");
        rewrite(zip, tampered, (name, data) -> {
            if (name.equals("evidence/results.json")) {
                data = new String(data, StandardCharsets.UTF_8).replace("\"FAIL\"", "\"PASS\"").getBytes(StandardCharsets.UTF_8);
            }
            return name.equals("evidence/DOC-001/findings.json") ? null : data;
        }, "evidence/NETSEC-002/attachments/forged.pdf");
        EvidenceVerifier.Result r = EvidenceVerifier.verify(tampered);
        assertEquals(List.of("results.json"), r.changed());
        assertEquals(List.of("DOC-001/findings.json"), r.missing());
        assertEquals(List.of("NETSEC-002/attachments/forged.pdf"), r.added());
    }

    @Test
    void aBundleWithoutManifestIsRejectedAndForeignFoldersAreNotOverwritten() throws IOException {
        Path empty = tmp.resolve("nomanifest.zip");
        rewrite(zip, empty, (name, data) -> name.endsWith("manifest.json") ? null : data, null);
        assertThrows(EvidenceVerifier.InvalidBundleException.class, () -> EvidenceVerifier.verify(empty));
        assertThrows(EvidenceVerifier.InvalidBundleException.class, () -> EvidenceVerifier.verify(tmp.resolve("absent.zip")));
        Path other = Files.createDirectories(tmp.resolve("other/evidence"));
        Files.writeString(other.resolve("my-notes.txt"), "mine");
        IOException e = assertThrows(IOException.class, () -> new EvidenceBundleWriter().write(result, tmp.resolve("other")));
        assertTrue(e.getMessage().contains("refusing to replace"));
        assertTrue(Files.exists(other.resolve("my-notes.txt")));
        // a previous bundle is replaced, stale files go
        Files.writeString(out.resolve("evidence/stale.txt"), "old");
        new EvidenceBundleWriter().write(result, out);
        assertFalse(Files.exists(out.resolve("evidence/stale.txt")));
        assertTrue(EvidenceVerifier.verify(zip).ok());
    }

    @Test
    void zipIsDeterministic() throws IOException {
        byte[] first = Files.readAllBytes(zip);
        new EvidenceBundleWriter().write(result, out);
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(zip)), "same scan, same bytes");
    }

    interface Edit {
        byte[] apply(String name, byte[] data);
    }

    static void rewrite(Path from, Path to, Edit edit, String addName) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Enumeration<? extends ZipEntry> en = in.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data;
                try (InputStream is = in.getInputStream(e)) {
                    data = is.readAllBytes();
                }
                data = edit.apply(e.getName(), data);
                if (data != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(data);
                    out.closeEntry();
                }
            }
            if (addName != null) {
                out.putNextEntry(new ZipEntry(addName));
                out.write("%PDF-forged".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
