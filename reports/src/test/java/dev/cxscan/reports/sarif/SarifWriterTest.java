package dev.cxscan.reports.sarif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifWriterTest {
    private static final Check HIGH = Check.of("iam_no_wildcard_actions", "No wildcard actions", Severity.HIGH, "ACCT-002", "Name the actions.");
    private static final Check LOW = Check.of("logs_retention_set", "Log groups keep logs", Severity.LOW, "OPE-001", "Set RetentionInDays.");
    private final Path cwd = Path.of("/work/project").toAbsolutePath();
    private final SarifWriter writer = new SarifWriter(cwd);

    private static ScanResult result(List<Finding> findings, List<Check> checks) {
        return ScanResult.of(ScanInfo.forTemplates(Instant.EPOCH, Instant.EPOCH, List.of()), findings, checks);
    }

    @Test
    void urisAreRelativeWithForwardSlashes() {
        assertEquals("cdk.out/App.template.json", writer.uri("./cdk.out/App.template.json"));
        assertEquals("cdk.out/App.template.json", writer.uri(cwd.resolve("cdk.out/App.template.json").toString()));
        assertEquals("infra/my%20stack.yaml", writer.uri("infra\\my stack.yaml"));
        assertTrue(writer.uri("/elsewhere/t.yaml").startsWith("file:///elsewhere/t.yaml"));
    }

    @Test
    void levelsFollowSeverityAndErrorsStayVisible() {
        ResourceRef where = ResourceRef.template("AWS::IAM::Role", "AppRole1234", "t.json", 7, "App/Role/Resource");
        List<Finding> findings = List.of(
                Finding.of(HIGH, Status.FAIL, where, "statement 0 allows iam:*"),
                Finding.of(LOW, Status.FAIL, where, "no retention"),
                Finding.of(LOW, Status.ERROR, where, "rule threw"),
                Finding.of(HIGH, Status.PASS, where, "fine"));
        JsonNode log = writer.toSarif(result(findings, List.of(HIGH, LOW)));
        JsonNode results = log.at("/runs/0/results");
        assertEquals(3, results.size(), "PASS gives no result");
        assertEquals("error", results.get(0).path("level").asText());
        assertEquals("note", results.get(1).path("level").asText());
        assertEquals("warning", results.get(2).path("level").asText());
        assertTrue(results.get(2).at("/message/text").asText().startsWith("Could not evaluate: rule threw"));
        assertEquals(1, results.get(1).path("ruleIndex").asInt());
        assertEquals("8.0", log.at("/runs/0/tool/driver/rules/0/properties/security-severity").asText());
        assertFalse(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean(), "ERROR findings: not successful");
        assertEquals("App/Role/Resource", results.get(0).at("/locations/0/logicalLocations/0/fullyQualifiedName").asText());
    }

    @Test
    void liveFindingsHaveALogicalLocationAndAnArnFingerprint() {
        String arn = "arn:aws:iam::123456789012:role/app";
        Finding live = Finding.of(HIGH, Status.FAIL, ResourceRef.live("AWS::IAM::Role", "app", arn, "us-east-1"), "iam:*");
        Finding other = Finding.of(HIGH, Status.FAIL, ResourceRef.live("AWS::IAM::Role", "app", arn.replace("app", "ops"), "us-east-1"), "iam:*");
        JsonNode r = writer.toSarif(result(List.of(live, other), List.of(HIGH))).at("/runs/0/results");
        assertTrue(r.get(0).at("/locations/0/physicalLocation").isMissingNode());
        assertEquals(arn, r.get(0).at("/locations/0/logicalLocations/0/fullyQualifiedName").asText());
        assertEquals("us-east-1", r.get(0).at("/properties/region").asText());
        String fp0 = r.get(0).at("/partialFingerprints/cxscan~1v1").asText();
        assertEquals(32, fp0.length());
        assertFalse(fp0.equals(r.get(1).at("/partialFingerprints/cxscan~1v1").asText()));
    }

    @Test
    void findingOfAnUnlistedCheckStillGetsARule() {
        Finding f = Finding.of(LOW, Status.FAIL, ResourceRef.template("AWS::Logs::LogGroup", "Logs", "t.json", 3, null), "x");
        JsonNode log = writer.toSarif(result(List.of(f), List.of(HIGH)));
        assertEquals(2, log.at("/runs/0/tool/driver/rules").size());
        assertEquals("logs_retention_set", log.at("/runs/0/tool/driver/rules/1/id").asText());
        assertEquals(1, log.at("/runs/0/results/0/ruleIndex").asInt());
    }
}
