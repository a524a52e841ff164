package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceFileTest {
    private static final ControlCatalog CATALOG = ControlCatalog.bundled();
    private static final Path SAMPLE = Path.of("..", "examples", "evidence.yaml");

    @TempDir
    Path tmp;

    @Test
    void readsDocumentsResolvedAgainstTheYamlFolderAndUrls() throws IOException {
        EvidenceFile e = EvidenceFile.load(SampleScan.writeEvidenceYaml(tmp), CATALOG);
        EvidenceFile.ControlEvidence ope = e.forControl("OPE-002").orElseThrow();
        assertTrue(ope.statement().startsWith("Runbook for the GenAI assistant"));
        assertEquals(2, ope.documents().size());
        assertEquals(tmp.resolve("docs/runbook.md").toAbsolutePath().normalize(), ope.documents().get(0).path());
        assertEquals("Operations runbook", ope.documents().get(0).label());
        assertEquals("https://wiki.example.com/genai/runbook", ope.documents().get(1).label());
        assertTrue(e.covers("OPE-002") && e.covers("COST-001"));
        assertFalse(e.covers("REL-002"));
    }

    @Test
    void theSampleInTheRepositoryLoadsWithItsDocumentsAndNamesEveryFileMissingElsewhere() throws IOException {
        EvidenceFile shipped = EvidenceFile.load(SAMPLE, CATALOG);
        // a document for every control of the catalog (the compliant demo attaches them all)
        assertEquals(CATALOG.controls().stream().map(Control::id).sorted().toList(),
                shipped.controls().keySet().stream().sorted().toList());

        Path copy = tmp.resolve("evidence.yaml");
        Files.copy(SAMPLE, copy);
        EvidenceFile.EvidenceException ex = assertThrows(EvidenceFile.EvidenceException.class, () -> EvidenceFile.load(copy, CATALOG));
        List<String> docs = List.of("security-engagement-sop.md", "iam-access-sop.md", "workload-health-kpis.md",
                "runbook-genai-assistant.md", "deployment-checklist.md", "network-security-practices.md",
                "encryption-key-management-policy.md", "deployment-automation.md", "resilience-rto-rpo.md",
                "tco-model.csv", "architecture.svg");
        for (String f : docs) {
            assertTrue(ex.getMessage().contains("docs/" + f), "names " + f + ": " + ex.getMessage());
        }
        assertTrue(ex.getMessage().contains("evidence files not found"), ex.getMessage());
        assertTrue(ex.getMessage().contains("cdk.out/CompliantStack.template.json"), ex.getMessage());
        Files.createDirectories(tmp.resolve("docs"));
        for (String f : docs) {
            Files.writeString(tmp.resolve("docs").resolve(f), "x");
        }
        Files.createDirectories(tmp.resolve("cdk.out"));
        Files.writeString(tmp.resolve("cdk.out/CompliantStack.template.json"), "{}");
        EvidenceFile e = EvidenceFile.load(copy, CATALOG);
        assertEquals(List.copyOf(shipped.controls().keySet()), List.copyOf(e.controls().keySet()));
    }

    @Test
    void rejectsUnknownControlsNonWebUrlsAmbiguousDocumentsAndStatementsWithoutDocuments() throws IOException {
        Path yaml = tmp.resolve("e.yaml");
        Files.writeString(yaml, """
                controls:
                  OPE-099:
                    documents: [{url: https://x.example.com}]
                  OPE-002:
                    documents:
                      - url: "javascript:alert(1)"
                      - {file: a.txt, url: https://x.example.com}
                  COST-001:
                    statement: we did a TCO
                """);
        EvidenceFile.EvidenceException ex = assertThrows(EvidenceFile.EvidenceException.class, () -> EvidenceFile.load(yaml, CATALOG));
        String m = ex.getMessage();
        assertTrue(m.contains("unknown control 'OPE-099'"), m);
        assertTrue(m.contains("not an http(s) URL: javascript:alert(1)"), m);
        assertTrue(m.contains("exactly one of 'file' or 'url'"), m);
        assertTrue(m.contains("COST-001: no document given"), m);
    }

    @Test
    void aMissingOrMalformedFileIsAClearError() throws IOException {
        assertTrue(assertThrows(EvidenceFile.EvidenceException.class, () -> EvidenceFile.load(tmp.resolve("nope.yaml"), CATALOG))
                .getMessage().contains("evidence file not found"));
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "OPE-002: [");
        assertThrows(EvidenceFile.EvidenceException.class, () -> EvidenceFile.load(bad, CATALOG));
        Path noControls = tmp.resolve("n.yaml");
        Files.writeString(noControls, "OPE-002:\n  documents: []\n");
        assertTrue(assertThrows(EvidenceFile.EvidenceException.class, () -> EvidenceFile.load(noControls, CATALOG))
                .getMessage().contains("'controls:'"));
    }

    @Test
    void userEvidenceIsNotPartOfResultsJson() throws IOException {
        ScanResult r = SampleScan.create(tmp);
        Map<?, ?> json = dev.cxscan.reports.json.JsonReportWriter.mapper().convertValue(r, Map.class);
        assertEquals(List.of("schemaVersion", "tool", "scan", "controls", "findings", "evidence"), List.copyOf(json.keySet()));
    }
}
