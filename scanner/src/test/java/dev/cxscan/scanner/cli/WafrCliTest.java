package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.wafr.WafrFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --wafr-file} on {@code template} and {@code cxscan wafr show}, in-process. */
class WafrCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path sample(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wafr/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    Path fullAnswers() throws IOException {
        Path p = dir.resolve("answers.json");
        Files.writeString(p, WafrFixtures.fullListAnswers().toPrettyString());
        return p;
    }

    Path template() throws IOException {
        Path t = dir.resolve("app.template.json");
        Files.writeString(t, TemplateCommandTest.BUCKETS);
        return t;
    }

    Map<String, JsonNode> controls() throws IOException {
        JsonNode results = JSON.readTree(dir.resolve("report/results.json").toFile());
        Map<String, JsonNode> m = new HashMap<>();
        results.get("controls").forEach(c -> m.put(c.get("id").asText(), c));
        return m;
    }

    @Test
    void templateScanWaivesWhatTheReviewCoversButNotAControlWithAFail() throws IOException {
        CliRun r = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", sample("get-workload.cli.json").toString(), "--wafr-file", sample("get-lens-review.wire.json").toString(),
                "--wafr-file", fullAnswers().toString(), "--wafr-account", "111122223333", "--wafr-max-age", "100000",
                "--fail-on", "medium");
        assertEquals(1, r.exit(), "the NETSEC-002 FAIL still gates: " + r);
        Map<String, JsonNode> c = controls();
        assertEquals("FAIL", c.get("NETSEC-002").get("status").asText());
        JsonNode conflict = c.get("NETSEC-002").get("waiver");
        assertEquals("NOT_WAIVED", conflict.get("outcome").asText());
        assertTrue(conflict.get("conflict").asText().startsWith("the review answers SEC08 protect-data-rest and SEC09 "
                + "protect-data-transit with risk NONE, but 1 finding FAIL: s3_bucket_encrypted (BadBucket5E6F7A8B)"), conflict.toString());
        JsonNode rel = c.get("REL-002");
        assertEquals("WAIVED", rel.get("status").asText());
        JsonNode w = rel.get("waiver");
        assertEquals("file", w.get("origin").asText());
        assertEquals(3, w.get("files").size());
        assertEquals(64, w.get("files").get(2).get("sha256").asText().length());
        assertEquals("arn:aws:wellarchitected:us-east-1:111122223333:workload/4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f", w.get("workloadArn").asText());
        assertEquals("stated with --wafr-account (template scan: no account scanned)", w.get("accountBasis").asText());
        assertTrue(r.err().contains("wafr: NETSEC-002 not waived, conflict: the review answers SEC08"), r.err());
        assertTrue(r.out().contains("WAIVED"), "the text table shows the status: " + r.out());
        JsonNode results = JSON.readTree(dir.resolve("report/results.json").toFile());
        assertTrue(results.get("wafr").get("review").get("waivedControls").toString().contains("REL-002"));
    }

    @Test
    void onlyFailuresKeepsTheReviewTheUsersEvidenceAndTheResourceData() throws IOException {
        CliRun r = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", sample("get-workload.cli.json").toString(), "--wafr-file", sample("get-lens-review.wire.json").toString(),
                "--wafr-file", fullAnswers().toString(), "--wafr-max-age", "100000",
                "--evidence", Path.of("..", "examples", "evidence.yaml").toString(),
                "--only-failures", "--format", "json,evidence", "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        JsonNode results = JSON.readTree(dir.resolve("report/results.json").toFile());
        results.get("findings").forEach(f -> assertTrue(f.get("status").asText().equals("FAIL")
                || f.get("status").asText().equals("ERROR"), f.toString()));
        assertTrue(results.has("wafr") && results.get("wafr").has("review"), "the wafr record stays: " + results);
        Map<String, JsonNode> c = controls();
        assertTrue(c.get("REL-002").get("waiver").get("summary").asText().startsWith("NOT WAIVED"),
                "no account stated: the review waives nothing, and says so: " + c.get("REL-002"));
        List<String> attested = new ArrayList<>();
        c.forEach((id, control) -> {
            if (control.get("status").asText().equals("ATTESTED")) {
                attested.add(id);
            }
        });
        assertTrue(!attested.isEmpty(), "the user's evidence stays: " + c);
        assertTrue(Files.isDirectory(dir.resolve("report/evidence/" + attested.get(0) + "/attachments")),
                "its documents are in the bundle");
        Path resources = dir.resolve("report/evidence/resources");
        try (var files = Files.list(resources)) {
            List<String> ids = new ArrayList<>();
            for (Path f : files.toList()) {
                for (JsonNode res : JSON.readTree(f.toFile()).get("resources")) {
                    if (res.get("controls").toString().contains("\"NETSEC-002\"")) {
                        ids.add(res.at("/resource/id").asText());
                    }
                }
            }
            assertEquals(List.of("BadBucket5E6F7A8B"), ids, "the resource data of the FAIL finding, not of the PASSes");
        }
    }

    @Test
    void templateScanWithoutAnAccountWaivesNothingAndSaysWhy() throws IOException {
        CliRun r = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", sample("get-workload.cli.json").toString(), "--wafr-file", sample("get-lens-review.wire.json").toString(),
                "--wafr-file", fullAnswers().toString(), "--wafr-max-age", "100000");
        assertEquals(0, r.exit(), r.toString());
        Map<String, JsonNode> c = controls();
        assertFalse(c.values().stream().anyMatch(x -> x.get("status").asText().equals("WAIVED")));
        assertTrue(c.get("REL-002").get("waiver").get("summary").asText().contains("no account scanned"),
                c.get("REL-002").get("waiver").toString());
    }

    @Test
    void aPdfAloneIsListedAndWaivesNothing() throws IOException {
        String b64 = JSON.readTree(sample("get-lens-review-report.wire.json").toFile()).get("LensReviewReport").get("Base64String").asText();
        Path pdf = dir.resolve("WAReviewOutput.pdf");
        Files.write(pdf, java.util.Base64.getDecoder().decode(b64));
        CliRun r = CliRun.run(TestRules.s3Only(), "template", template().toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", pdf.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("kept as evidence only"), r.err());
        JsonNode results = JSON.readTree(dir.resolve("report/results.json").toFile());
        assertEquals("WAReviewOutput.pdf", results.get("wafr").get("attachments").get(0).get("name").asText());
        assertFalse(results.get("controls").toString().contains("WAIVED"));
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path t = template();
        CliRun both = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", fullAnswers().toString(), "--wafr-workload", "4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("--wafr-file and --wafr-workload are alternatives"), both.err());
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "[1,2]");
        CliRun bad = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", dir.resolve("report").toString(),
                "--wafr-file", junk.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("expected a JSON object"), bad.err());
        CliRun milestone = CliRun.run("wafr", "show", "--wafr-file", fullAnswers().toString(), "--wafr-milestone", "3");
        assertEquals(2, milestone.exit());
        assertTrue(milestone.err().contains("--wafr-milestone needs --wafr-workload"), milestone.err());
    }

    @Test
    void wafrShowExplainsPerControl() throws IOException {
        CliRun r = CliRun.run("wafr", "show", "--wafr-file", sample("get-workload.cli.json").toString(),
                "--wafr-file", sample("get-lens-review.wire.json").toString(), "--wafr-file", sample("list-answers.cli.json").toString(),
                "--wafr-max-age", "100000");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("workload   genai-claims-assistant-prod"), r.out());
        assertTrue(r.out().contains("account    not checked: give --wafr-account"), r.out());
        assertTrue(r.out().contains("OPE-002  WOULD BE WAIVED"), r.out());
        assertTrue(r.out().contains("REL-002  NOT WAIVED"), r.out());
        assertTrue(r.out().contains("REL13 planning-for-recovery: risk is HIGH (NONE needed)"), r.out());
        assertTrue(r.out().contains("Would waive: OPE-002."), r.out());

        CliRun other = CliRun.run("wafr", "show", "--format", "json", "--wafr-file", sample("get-workload.cli.json").toString(),
                "--wafr-file", sample("get-lens-review.wire.json").toString(), "--wafr-file", sample("list-answers.cli.json").toString(),
                "--wafr-max-age", "100000", "--wafr-account", "444455556666");
        assertEquals(0, other.exit(), other.toString());
        JsonNode doc = JSON.readTree(other.out());
        assertEquals(false, doc.get("review").get("counts").asBoolean());
        assertTrue(doc.get("controls").get("OPE-002").get("summary").asText().contains("the review is of another account"));
    }

    @Test
    void wafrShowReadsTheApiThroughAnEndpointOverride() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "{\"Message\":\"User is not authorized\"}".getBytes();
            ex.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
            ex.sendResponseHeaders(403, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            CliRun r = CliRun.run("wafr", "show", "--wafr-workload",
                    "arn:aws:wellarchitected:us-east-1:111122223333:workload/4d6c3f1a9b2e8d7c5a1f0e3b2c9d8a7f",
                    "--endpoint-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--wafr-profile", "cxscan-test-none");
            assertEquals(3, r.exit(), r.toString());
            assertTrue(r.err().contains("access denied to GetWorkload") || r.err().contains("could not be called"), r.err());
        } finally {
            server.stop(0);
        }
    }
}
