package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlRollupTest {
    private static final ControlCatalog CATALOG = ControlCatalog.bundled();
    private static final EvidenceFile.Document DOC = new EvidenceFile.Document("Runbook", null, "https://wiki.example.com/r", null);

    private static EvidenceFile evidenceFor(String... ids) {
        Map<String, EvidenceFile.ControlEvidence> m = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            m.put(id, new EvidenceFile.ControlEvidence("statement", List.of(DOC)));
        }
        return new EvidenceFile(Path.of("evidence.yaml"), m);
    }

    private static ControlStatus status(String control, List<Finding> findings, EvidenceFile e) {
        return ControlRollup.rollUp(CATALOG, findings, e).stream().filter(c -> c.id().equals(control)).findFirst().orElseThrow().status();
    }

    private static Finding finding(String check, Status status) {
        CatalogCheck c = CATALOG.check(check).orElseThrow();
        return new Finding(check, c.controls(), status, c.severity(), ResourceRef.template("AWS::X::Y", "R1", "t.json", 1, null), "m", null);
    }

    private static ControlResult control(String id, List<Finding> findings, EvidenceFile e, ControlRollup.Coverage coverage) {
        return ControlRollup.rollUp(CATALOG, findings, e, coverage).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
    }

    /** Every check of the catalog ran except {@code skipped}. */
    private static ControlRollup.Coverage ranAllBut(boolean live, boolean templates, String... skipped) {
        java.util.Set<String> ran = new java.util.LinkedHashSet<>();
        CATALOG.checks().forEach(c -> ran.add(c.id()));
        List.of(skipped).forEach(ran::remove);
        return new ControlRollup.Coverage(ran, live, templates, Map.of());
    }

    /** What a template scan runs: every check but the live-only ones (L) and the hints (H). */
    private static ControlRollup.Coverage templateScan() {
        java.util.Set<String> ran = new java.util.LinkedHashSet<>();
        CATALOG.checks().stream().filter(CatalogCheck::runsOnTemplates).forEach(c -> ran.add(c.id()));
        return new ControlRollup.Coverage(ran, false, true, Map.of());
    }

    @Test
    void documentOnlyControlWithUserEvidenceIsAttestedNeverPass() {
        assertEquals(ControlStatus.MANUAL, status("OPE-002", List.of(), EvidenceFile.none()));
        // the runbook is the user's word and the hint (INFO) judges nothing: ATTESTED, never PASS
        assertEquals(ControlStatus.ATTESTED, status("OPE-002", List.of(), evidenceFor("OPE-002")));
        assertEquals(ControlStatus.ATTESTED, status("OPE-002", List.of(finding("ssm_runbooks_present", Status.INFO)),
                evidenceFor("OPE-002")));
    }

    @Test
    void passNeedsEveryCheckRunAndPassingAndEveryDocumentAttached() {
        List<Finding> passing = List.of(finding("backup_plan_present", Status.PASS));
        // every check ran and passed, but the checklist's documents are not there
        ControlResult noDocs = control("REL-002", passing, EvidenceFile.none(), ranAllBut(true, true));
        assertEquals(ControlStatus.MANUAL, noDocs.status());
        assertEquals(ControlVerdict.Automated.PASS, noDocs.verdict().automated());
        assertTrue(noDocs.missing().stream().anyMatch(m -> m.startsWith("Attach: Descriptions or documents on workload resilience")),
                noDocs.missing().toString());
        // with the documents attached: PASS, each item saying what covers it
        ControlResult withDocs = control("REL-002", passing, evidenceFor("REL-002"), ranAllBut(true, true));
        assertEquals(ControlStatus.PASS, withDocs.status());
        assertTrue(withDocs.missing().isEmpty());
        assertTrue(withDocs.verdict().evidence().stream().allMatch(e -> "documents".equals(e.coveredBy())));
    }

    @Test
    void implementationEvidenceIsCoveredByTheFindingsOnlyWhenEveryCheckRanAndPassed() {
        List<Finding> passing = List.of(finding("vpc_flow_logs_enabled", Status.PASS));
        ControlResult all = control("NETSEC-001", passing, EvidenceFile.none(), ranAllBut(true, true));
        assertEquals("findings", all.verdict().evidence().get(1).coveredBy(), "the scan shows the implementation");
        assertNull(all.verdict().evidence().get(0).coveredBy(), "the network security document is the partner's");
        assertEquals(ControlStatus.MANUAL, all.status());
        assertEquals(ControlStatus.PASS, control("NETSEC-001", passing, evidenceFor("NETSEC-001"), ranAllBut(true, true)).status());

        // network_threat_detection (live-only) did not run: the implementation is not shown, the control is INCOMPLETE
        ControlResult partial = control("NETSEC-001", passing, evidenceFor("NETSEC-001"), templateScan());
        assertEquals(ControlStatus.INCOMPLETE, partial.status());
        assertEquals(List.of("network_threat_detection"),
                partial.verdict().notEvaluated().stream().map(ControlVerdict.NotEvaluated::check).toList());
        assertTrue(partial.verdict().notEvaluated().get(0).reason().startsWith("live-only"));
        assertTrue(partial.missing().stream().anyMatch(m -> m.startsWith("Not evaluated in this scan: network_threat_detection (live-only")),
                partial.missing().toString());
    }

    @Test
    void aTemplateScanOfACompliantStackPassesNoControlThatHasLiveChecks() {
        // every template check of every control passes: still no PASS where a live-only check feeds the control
        List<Finding> passing = CATALOG.checks().stream().filter(CatalogCheck::runsOnTemplates)
                .map(c -> finding(c.id(), Status.PASS)).toList();
        EvidenceFile everyDocument = evidenceFor(CATALOG.controls().stream().map(Control::id).toArray(String[]::new));
        for (ControlResult c : ControlRollup.rollUp(CATALOG, passing, everyDocument, templateScan())) {
            boolean hasLiveChecks = CATALOG.control(c.id()).orElseThrow().checks().stream()
                    .anyMatch(id -> CATALOG.check(id).orElseThrow().source().equals("L"));
            boolean hintsOnly = CATALOG.control(c.id()).orElseThrow().checks().stream()
                    .allMatch(id -> CATALOG.check(id).orElseThrow().source().equals("H"));
            ControlStatus expected = hasLiveChecks ? ControlStatus.INCOMPLETE
                    : hintsOnly ? ControlStatus.ATTESTED : ControlStatus.PASS;
            assertEquals(expected, c.status(), c.id() + " " + c.missing());
        }
    }

    @Test
    void anAccountScanWithoutTemplatesSaysWhichTemplateChecksDidNotRun() {
        java.util.Set<String> live = new java.util.LinkedHashSet<>();
        CATALOG.checks().stream().filter(CatalogCheck::runsLive).forEach(c -> live.add(c.id()));
        ControlRollup.Coverage account = new ControlRollup.Coverage(live, true, false,
                Map.of("iam_no_user_credentials_in_template", "excluded by the test"));
        ControlResult rel2 = control("REL-002", List.of(finding("backup_plan_present", Status.PASS)), evidenceFor("REL-002"),
                account);
        assertEquals(ControlStatus.INCOMPLETE, rel2.status());
        ControlVerdict.NotEvaluated retained = rel2.verdict().notEvaluated().stream()
                .filter(n -> n.check().equals("stateful_resources_retained")).findFirst().orElseThrow();
        assertTrue(retained.reason().startsWith("template-only") && retained.reason().contains("--template"), retained.reason());
        ControlResult acct2 = control("ACCT-002", List.of(), EvidenceFile.none(), account);
        assertEquals("excluded by the test", acct2.verdict().notEvaluated().stream()
                .filter(n -> n.check().equals("iam_no_user_credentials_in_template")).findFirst().orElseThrow().reason(),
                "the scan's own reason wins");
    }

    @Test
    void failAndErrorKeepPrecedenceOverUserEvidence() {
        assertEquals(ControlStatus.FAIL, status("REL-002", List.of(finding("backup_plan_present", Status.FAIL)), evidenceFor("REL-002")));
        assertEquals(ControlStatus.ERROR, status("REL-002", List.of(finding("rds_backup_retention", Status.ERROR)), evidenceFor("REL-002")));
        // a FAIL wins over checks that did not run, and the verdict still lists them
        ControlResult fail = control("ACCT-001", List.of(finding("cloudtrail_kms_encrypted", Status.FAIL)),
                EvidenceFile.none(), templateScan());
        assertEquals(ControlStatus.FAIL, fail.status());
        assertEquals(5, fail.verdict().notEvaluated().size(), fail.verdict().notEvaluated().toString());
    }

    @Test
    void automatedControlThatJudgedNothingIsAttestedWithDocuments() {
        assertEquals(ControlStatus.PASS, status("NETSEC-001", List.of(finding("vpc_flow_logs_enabled", Status.PASS)), evidenceFor("NETSEC-001")));
        assertEquals(ControlStatus.MANUAL, status("NETSEC-001", List.of(), EvidenceFile.none()));
        assertEquals(ControlStatus.ATTESTED, status("NETSEC-001", List.of(), evidenceFor("NETSEC-001")));
    }

    @Test
    void aStatementWithoutDocumentsDoesNotAttest() {
        EvidenceFile e = new EvidenceFile(null, Map.of("OPE-002", new EvidenceFile.ControlEvidence("we have one", List.of())));
        assertEquals(ControlStatus.MANUAL, status("OPE-002", List.of(), e));
    }
}
