package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void manualControlWithUserEvidenceIsAttestedNeverPass() {
        assertEquals(ControlStatus.MANUAL, status("OPE-002", List.of(), EvidenceFile.none()));
        assertEquals(ControlStatus.ATTESTED, status("OPE-002", List.of(), evidenceFor("OPE-002")));
        // automated hints pass too: still ATTESTED, the runbook itself is the user's word
        assertEquals(ControlStatus.ATTESTED, status("REL-002", List.of(finding("backup_plan_present", Status.PASS)), evidenceFor("REL-002")));
    }

    @Test
    void failAndErrorKeepPrecedenceOverUserEvidence() {
        assertEquals(ControlStatus.FAIL, status("REL-002", List.of(finding("backup_plan_present", Status.FAIL)), evidenceFor("REL-002")));
        assertEquals(ControlStatus.ERROR, status("REL-002", List.of(finding("rds_backup_retention", Status.ERROR)), evidenceFor("REL-002")));
    }

    @Test
    void automatedControlThatPassesStaysPassAndUnjudgedOneBecomesAttested() {
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
