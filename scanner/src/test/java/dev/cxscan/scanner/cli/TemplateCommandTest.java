package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.ToolInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCommandTest {
    /** CDK-synthesized shape: one bucket passes, one fails (medium), one fails but is suppressed. */
    static final String BUCKETS = """
            {
              "Resources": {
                "GoodBucket1A2B3C4D": {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}},
                  "Metadata": {"aws:cdk:path": "App/Good/Resource"}
                },
                "BadBucket5E6F7A8B": {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "none"}}]}},
                  "Metadata": {"aws:cdk:path": "App/Bad/Resource"}
                },
                "LegacyBucketC0FFEE00": {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "none"}}]}},
                  "Metadata": {"aws:cdk:path": "App/Legacy/Resource",
                               "cxscan": {"suppressions": [{"id": "s3_bucket_encrypted", "reason": "read-only archive"}]}}
                }
              }
            }
            """;

    static final String QUEUE = """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
            """;

    static final String TOPIC = """
            Resources:
              Alerts:
                Type: AWS::SNS::Topic
            """;

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path out() {
        return dir.resolve("report");
    }

    private JsonNode results() throws IOException {
        return mapper.readTree(out().resolve("results.json").toFile());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    // ---- exit codes

    @Test
    void mediumFailDoesNotFailTheDefaultHighGate() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(out().resolve("results.json")), "json is a default format");
        assertTrue(Files.isRegularFile(out().resolve("results.sarif")), "sarif is a default format of template (CI)");
        assertFalse(Files.exists(out().resolve("index.html")), "html only on request for a template scan");
        assertFalse(Files.exists(out().resolve("evidence.zip")), "the evidence bundle only on request for a template scan");
        assertFalse(Files.exists(out().resolve("evidence")));
        assertFalse(Files.exists(out().resolve("junit.xml")), "junit only on request");
        assertTrue(r.out().contains("FAIL"), "the text table is a default format: " + r);
    }

    @Test
    void userEvidenceWithoutFormatAddsTheBundleTheDocumentsAreCopiedInto() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        Path yaml = write("evidence.yaml", """
                controls:
                  COST-001:
                    statement: Pricing Calculator estimate shared before implementation.
                    documents:
                      - url: https://calculator.aws/#/estimate?id=0123456789abcdef
                """);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--evidence", yaml.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(out().resolve("evidence.zip")), "--evidence asks for the bundle: " + r);
        assertTrue(Files.readString(out().resolve("evidence/COST-001/control.json")).contains("calculator.aws"));
        assertTrue(Files.isRegularFile(out().resolve("results.sarif")), "the other defaults stay");
        assertFalse(Files.exists(out().resolve("index.html")));
    }

    @Test
    void failOnMediumExitsOneAndNoneExitsZero() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        assertEquals(1, CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(),
                "--fail-on", "medium").exit());
        assertEquals(1, CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(),
                "--fail-on", "LOW").exit());
        assertEquals(0, CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(),
                "--fail-on", "none").exit());
    }

    @Test
    void highFailExitsOneWithDefaultGateButNotWithCritical() throws IOException {
        Path t = write("topic.yaml", TOPIC);
        assertEquals(1, CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out().toString()).exit());
        assertEquals(0, CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out().toString(),
                "--fail-on", "critical").exit());
    }

    @Test
    void errorFindingExitsThreeAndBeatsFailures() throws IOException {
        Path q = write("queue.yaml", QUEUE);
        Path t = write("topic.yaml", TOPIC);
        CliRun r = CliRun.run(TestRules.s3AndThrowing(), "template", q.toString(), t.toString(),
                "--out", out().toString(), "--fail-on", "low");
        assertEquals(3, r.exit(), r.toString());
        JsonNode f = findings(results(), "test_throwing").get(0);
        assertEquals("ERROR", f.path("status").asText());
        assertTrue(f.path("message").asText().contains("boom"), f.toString());
        // --fail-on none does not hide scan errors
        assertEquals(3, CliRun.run(TestRules.s3AndThrowing(), "template", q.toString(), "--out", out().toString(),
                "--fail-on", "none").exit());
    }

    @Test
    void missingPathExitsTwoAndStillWritesReportsForTheGoodInput() throws IOException {
        Path good = write("app.template.json", BUCKETS);
        Path missing = dir.resolve("nope.template.json");
        Path queue = write("queue.yaml", QUEUE);
        CliRun r = CliRun.run(TestRules.s3AndThrowing(), "template", good.toString(), missing.toString(), queue.toString(),
                "--out", out().toString(), "--fail-on", "low", "--format", "json,sarif");
        assertEquals(2, r.exit(), "input error beats scan error and failures: " + r);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("cxscan: error: " + missing + ": ")), r.err());
        JsonNode json = results();
        assertEquals(List.of(good.toString(), queue.toString()), texts(json.path("scan").path("templates")));
        assertEquals(3, findings(json, "s3_bucket_encrypted").size());
        assertTrue(Files.isRegularFile(out().resolve("results.sarif")));
    }

    @Test
    void unparsableTemplateIsAnInputErrorWithItsLine() throws IOException {
        Path good = write("app.template.json", BUCKETS);
        Path bad = write("broken.json", "{\n  \"Resources\": {\n    \"X\": [1, 2,\n}\n");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", good.toString(), bad.toString(), "--out", out().toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("cxscan: error: " + java.util.regex.Pattern.quote(bad.toString())
                + ":\\d+: .+")), r.err());
        assertEquals(3, findings(results(), "s3_bucket_encrypted").size());
    }

    @Test
    void unknownFormatsAreUsageErrorsNamingTheAvailableOnes() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        for (String format : List.of("xml", "json,pdf", "JSON,junit,htm")) {
            CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--format", format);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("available formats: json, sarif, junit, html, md, csv, text, evidence"), r.err());
            assertFalse(Files.exists(out()), "nothing is written on a usage error");
        }
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--format", "xml");
        assertTrue(r.err().contains("'xml' is unknown"), r.err());
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        assertEquals(2, CliRun.run(TestRules.s3Only(), "template", t.toString(), "--fail-on", "severe").exit());
        assertEquals(2, CliRun.run(TestRules.s3Only(), "template", t.toString(), "--no-such-option").exit());
        assertEquals(2, CliRun.run(TestRules.s3Only(), "template").exit(), "PATH is required");
        assertEquals(2, CliRun.run(TestRules.s3Only()).exit(), "a subcommand is required");
        Path file = write("taken", "x");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", file.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void emptyFolderIsAnInputError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.run(TestRules.s3Only(), "template", empty.toString(), "--out", out().toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("cxscan: error: " + empty), r.err());
    }

    // ---- outputs

    @Test
    void textTableShowsFileLineAndSummaryOnStdoutAndProgressOnStderr() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--format", "text");
        String badAt = t + ":" + lineOf(BUCKETS, "\"BadBucket5E6F7A8B\"");
        String row = r.out().lines().filter(l -> l.contains(badAt)).findFirst().orElseThrow(() -> new AssertionError(r));
        assertTrue(row.startsWith("FAIL") && row.contains("NETSEC-002") && row.contains("s3_bucket_encrypted")
                && row.contains("BadBucket5E6F7A8B"), row);
        assertTrue(r.out().contains("SSEAlgorithm is 'none'"), "the message under the row: " + r.out());
        assertTrue(r.out().contains("read-only archive"), "the suppression reason: " + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+FAIL\\s+1\\s+NETSEC-002")), r.out());
        assertTrue(r.out().contains("Totals: 11 controls, 3 findings (1 PASS, 1 FAIL, 1 SUPPRESSED)"), r.out());
        assertFalse(r.out().contains("\u001b["), "no color when stdout is not a terminal");
        assertFalse(r.out().contains("cxscan: scanned"), "progress is not on stdout");
        assertTrue(r.err().contains("cxscan: scanned 1 template(s), 3 resource(s)"), r.err());
        assertFalse(Files.exists(out().resolve("results.json")), "only the formats asked for");
    }

    @Test
    void quietDropsProgressAndTheDefaultTable() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--quiet");
        assertEquals(0, r.exit());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(Files.isRegularFile(out().resolve("results.json")));
        CliRun explicit = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "-q",
                "--format", "text");
        assertTrue(explicit.out().contains("BadBucket5E6F7A8B"), "an explicit text format still prints");
    }

    @Test
    void onlyFailuresFiltersTableAndFilesButKeepsControlCounts() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        Path q = write("queue.yaml", QUEUE);
        CliRun r = CliRun.run(TestRules.s3AndThrowing(), "template", t.toString(), q.toString(), "--out", out().toString(),
                "--only-failures", "--format", "text,json,sarif");
        assertEquals(3, r.exit());
        assertFalse(r.out().contains("GoodBucket1A2B3C4D"), r.out());
        assertFalse(r.out().contains("LegacyBucketC0FFEE00"), "suppressed is not a failure: " + r.out());
        assertTrue(r.out().contains("BadBucket5E6F7A8B") && r.out().contains("Jobs"), r.out());
        JsonNode json = results();
        List<String> statuses = new ArrayList<>();
        json.path("findings").forEach(f -> statuses.add(f.path("status").asText()));
        assertEquals(List.of("FAIL", "ERROR"), statuses);
        JsonNode netsec2 = control(json, "NETSEC-002");
        assertEquals(1, netsec2.path("counts").path("PASS").asInt(), "counts cover every finding");
        assertEquals(1, netsec2.path("counts").path("SUPPRESSED").asInt());
        JsonNode sarif = mapper.readTree(out().resolve("results.sarif").toFile());
        assertEquals(2, sarif.at("/runs/0/results").size());
    }

    @Test
    void resultsJsonHasTheShapeOfArchitectureMd() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = results();
        assertEquals(List.of("schemaVersion", "tool", "scan", "controls", "findings", "evidence"), keys(json));
        assertTrue(json.get("evidence").isNull(), "no evidence bundle in --format json");
        assertEquals(1, json.path("schemaVersion").asInt());
        assertEquals(List.of("name", "version", "commit"), keys(json.path("tool")));
        assertEquals(ToolInfo.current().commit(), json.at("/tool/commit").asText(), "the commit the build recorded");
        assertEquals("cxscan", json.at("/tool/name").asText());
        assertEquals(List.of("startedAt", "finishedAt", "account", "callerArn", "regions", "templates"), keys(json.path("scan")));
        assertTrue(json.at("/scan/startedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), json.path("scan").toString());
        assertTrue(json.at("/scan/account").isNull());
        assertEquals(List.of(t.toString()), texts(json.at("/scan/templates")));

        assertEquals(11, json.path("controls").size());
        for (JsonNode c : json.path("controls")) {
            assertEquals(List.of("id", "title", "status", "waiver", "counts", "verdict"), keys(c));
            assertTrue(List.of("PASS", "FAIL", "ERROR", "INCOMPLETE", "MANUAL", "WAIVED").contains(c.path("status").asText()));
            assertEquals(List.of("automated", "evaluated", "notEvaluated", "evidence", "missing"), keys(c.path("verdict")));
            for (JsonNode e : c.at("/verdict/evidence")) {
                assertEquals(List.of("item", "kind", "coveredBy", "detail"), keys(e));
            }
            assertTrue(c.path("waiver").isNull());
            assertEquals(List.of("PASS", "FAIL", "SUPPRESSED", "ERROR", "NOT_APPLICABLE", "INFO"), keys(c.path("counts")));
        }
        assertEquals("FAIL", control(json, "NETSEC-002").path("status").asText());

        assertEquals(3, json.path("findings").size());
        for (JsonNode f : json.path("findings")) {
            assertEquals(List.of("check", "controls", "status", "severity", "resource", "message", "suppression"), keys(f));
            // name and tags were added after cdkPath (fields are only ever added)
            assertEquals(List.of("type", "id", "arn", "region", "file", "line", "cdkPath", "name", "tags"), keys(f.path("resource")));
            assertEquals("medium", f.path("severity").asText());
            assertEquals(List.of("NETSEC-002"), texts(f.path("controls")));
        }
        JsonNode bad = byId(json, "BadBucket5E6F7A8B");
        assertEquals("FAIL", bad.path("status").asText());
        assertEquals("AWS::S3::Bucket", bad.at("/resource/type").asText());
        assertEquals(t.toString(), bad.at("/resource/file").asText());
        assertEquals(lineOf(BUCKETS, "\"BadBucket5E6F7A8B\""), bad.at("/resource/line").asInt());
        assertEquals("App/Bad/Resource", bad.at("/resource/cdkPath").asText());
        assertTrue(bad.at("/resource/arn").isNull() && bad.at("/resource/region").isNull());
        assertTrue(bad.path("suppression").isNull());
        assertTrue(bad.at("/resource/name").isNull(), "no literal name in the template: none invented");
        assertTrue(bad.at("/resource/tags").isObject() && bad.at("/resource/tags").isEmpty(), "a template entry without Tags has none");
        JsonNode legacy = byId(json, "LegacyBucketC0FFEE00");
        assertEquals("SUPPRESSED", legacy.path("status").asText());
        assertEquals("read-only archive", legacy.at("/suppression/reason").asText());
    }

    @Test
    void sarifHasRulesLocationsAndFingerprintsThatIgnoreLineMoves() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--format", "sarif");
        assertEquals(0, r.exit(), r.toString());
        JsonNode first = mapper.readTree(out().resolve("results.sarif").toFile());
        assertEquals("2.1.0", first.path("version").asText());
        assertTrue(first.path("$schema").asText().contains("sarif"));
        JsonNode driver = first.at("/runs/0/tool/driver");
        assertEquals("cxscan", driver.path("name").asText());
        assertFalse(driver.path("version").asText().isEmpty());
        assertTrue(driver.path("informationUri").asText().startsWith("https://"));
        JsonNode rule = driver.path("rules").get(0);
        assertEquals("s3_bucket_encrypted", rule.path("id").asText());
        assertEquals("S3BucketEncrypted", rule.path("name").asText());
        assertFalse(rule.at("/shortDescription/text").asText().isEmpty());
        assertTrue(rule.at("/help/text").asText().contains("BucketEncryption"), "remediation as help");
        assertTrue(rule.path("helpUri").asText().startsWith("https://"));
        assertEquals("5.5", rule.at("/properties/security-severity").asText());
        assertEquals("NETSEC-002", rule.at("/properties/controls/0").asText());

        JsonNode results = first.at("/runs/0/results");
        assertEquals(2, results.size(), "FAIL and SUPPRESSED, no PASS");
        JsonNode fail = results.get(0);
        assertEquals("warning", fail.path("level").asText(), "medium is a warning");
        assertEquals(0, fail.path("ruleIndex").asInt());
        JsonNode loc = fail.at("/locations/0/physicalLocation");
        assertTrue(loc.at("/artifactLocation/uri").asText().endsWith("app.template.json"));
        assertEquals(lineOf(BUCKETS, "\"BadBucket5E6F7A8B\""), loc.at("/region/startLine").asInt());
        JsonNode suppressed = results.get(1);
        assertEquals("inSource", suppressed.at("/suppressions/0/kind").asText());
        assertEquals("read-only archive", suppressed.at("/suppressions/0/justification").asText());
        assertTrue(fail.path("suppressions").isMissingNode());

        // second run: the resources moved down three lines, identity must not change
        Files.writeString(t, "\n\n\n" + BUCKETS);
        CliRun again = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out().toString(), "--format", "sarif");
        assertEquals(0, again.exit());
        JsonNode second = mapper.readTree(out().resolve("results.sarif").toFile());
        for (int i = 0; i < 2; i++) {
            JsonNode a = results.get(i);
            JsonNode b = second.at("/runs/0/results").get(i);
            assertEquals(a.path("partialFingerprints"), b.path("partialFingerprints"));
            assertEquals(a.at("/locations/0/physicalLocation/region/startLine").asInt() + 3,
                    b.at("/locations/0/physicalLocation/region/startLine").asInt());
        }
        assertNotEquals(results.get(0).path("partialFingerprints"), results.get(1).path("partialFingerprints"));
    }

    @Test
    void realRulesScanAndGateOff() throws IOException {
        Path t = write("app.template.json", BUCKETS);
        CliRun r = CliRun.run("template", t.toString(), "--out", out().toString(), "--fail-on", "none", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("FAIL", byId(results(), "BadBucket5E6F7A8B", "s3_bucket_encrypted").path("status").asText());
    }

    // ---- helpers

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        it.forEachRemaining(e -> keys.add(e.getKey()));
        return keys;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> findings(JsonNode json, String check) {
        List<JsonNode> out = new ArrayList<>();
        json.path("findings").forEach(f -> {
            if (f.path("check").asText().equals(check)) {
                out.add(f);
            }
        });
        return out;
    }

    private static JsonNode byId(JsonNode json, String logicalId) {
        return byId(json, logicalId, "s3_bucket_encrypted");
    }

    private static JsonNode byId(JsonNode json, String logicalId, String check) {
        for (JsonNode f : findings(json, check)) {
            if (f.at("/resource/id").asText().equals(logicalId)) {
                return f;
            }
        }
        throw new AssertionError("no " + check + " finding for " + logicalId);
    }

    private static JsonNode control(JsonNode json, String id) {
        for (JsonNode c : json.path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id);
    }
}
