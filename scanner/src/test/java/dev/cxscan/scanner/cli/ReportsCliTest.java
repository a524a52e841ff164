package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.scanner.SecretFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format from the command line, the evidence bundle with template excerpts, --evidence, verify-evidence, no leaks. */
class ReportsCliTest {
    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyFormatWritesItsFiles() throws IOException {
        Path t = write("app.template.json", TemplateCommandTest.BUCKETS);
        Path out = dir.resolve("all");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out.toString(),
                "--format", SecretFixtures.ALL_FORMATS);
        assertEquals(0, r.exit(), r.toString());
        for (String f : List.of("results.json", "results.sarif", "junit.xml", "index.html", "summary.md",
                "self-assessment.csv", "findings.csv", "evidence.zip", "evidence/manifest.json", "evidence/index.html",
                "evidence/results.json", "evidence/NETSEC-002/index.html", "evidence/NETSEC-002/findings.json")) {
            Path p = out.resolve(f);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, f + " written: " + r);
        }
        assertTrue(r.out().contains("Totals: 11 controls, 3 findings"), "text on stdout: " + r.out());
        for (String f : List.of("results.json", "results.sarif", "junit.xml", "index.html", "summary.md", "self-assessment.csv",
                "evidence.zip")) {
            assertTrue(r.err().contains("cxscan: wrote " + out.resolve(f)), f + " reported: " + r.err());
        }
        // the same findings in each: the failing bucket is in every findings format
        for (String f : List.of("results.json", "results.sarif", "junit.xml", "index.html", "summary.md", "findings.csv")) {
            assertTrue(Files.readString(out.resolve(f)).contains("BadBucket5E6F7A8B"), f);
        }
        assertTrue(Files.readString(out.resolve("self-assessment.csv")).contains("NETSEC-002"));
    }

    @Test
    void evidenceBundleHoldsTheTemplateEntryOfEachFindingAndVerifies() throws IOException {
        Path t = write("app.template.json", TemplateCommandTest.BUCKETS);
        Path out = dir.resolve("bundle");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out.toString(), "--format", "evidence");
        assertEquals(0, r.exit(), r.toString());
        Path resources = out.resolve("evidence/resources");
        List<Path> files;
        try (Stream<Path> s = Files.list(resources)) {
            files = s.sorted().toList();
        }
        assertEquals(1, files.size(), "one file per template: " + files);
        assertFalse(Files.exists(out.resolve("evidence/NETSEC-002/resources")), "no copy per control");
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode doc : mapper.readTree(files.get(0).toFile()).get("resources")) {
            byId.put(doc.at("/resource/id").asText(), doc);
        }
        assertEquals(3, byId.size(), "one entry per judged resource: " + byId.keySet());
        JsonNode bad = byId.get("BadBucket5E6F7A8B");
        assertEquals("AWS::S3::Bucket", bad.at("/data/Type").asText(), "the template entry: " + bad);
        assertEquals("none", bad.at("/data/Properties/BucketEncryption/ServerSideEncryptionConfiguration/0"
                + "/ServerSideEncryptionByDefault/SSEAlgorithm").asText(), "what the finding was judged on");
        assertEquals("App/Bad/Resource", bad.at("/data/Metadata/aws:cdk:path").asText());
        assertTrue(bad.path("source").asText().startsWith("template entry at " + t + ":"), bad.path("source").asText());
        assertEquals("FAIL", bad.at("/findings/0/status").asText());
        assertEquals("read-only archive", byId.get("LegacyBucketC0FFEE00")
                .at("/data/Metadata/cxscan/suppressions/0/reason").asText());
        assertTrue(Files.readString(out.resolve("evidence/NETSEC-002/index.html")).contains("SSEAlgorithm"),
                "the readable page quotes the excerpt");

        // verify-evidence: intact, then tampered, then not a bundle
        for (Path bundle : List.of(out.resolve("evidence.zip"), out.resolve("evidence"), out)) {
            CliRun ok = CliRun.run("verify-evidence", bundle.toString());
            assertEquals(0, ok.exit(), ok.toString());
            assertTrue(ok.out().startsWith("OK: "), ok.out());
        }
        Files.writeString(out.resolve("evidence/NETSEC-002/findings.json"), "[]");
        Files.writeString(out.resolve("evidence/NETSEC-002/extra.txt"), "slipped in");
        Files.delete(out.resolve("evidence/index.html"));
        CliRun bad1 = CliRun.run("verify-evidence", out.resolve("evidence").toString());
        assertEquals(1, bad1.exit(), bad1.toString());
        List<String> lines = bad1.out().lines().toList();
        assertTrue(lines.contains("CHANGED NETSEC-002/findings.json"), bad1.out());
        assertTrue(lines.contains("ADDED   NETSEC-002/extra.txt"), bad1.out());
        assertTrue(lines.contains("MISSING index.html"), bad1.out());
        assertTrue(bad1.out().contains("NOT INTACT"), bad1.out());
        assertEquals(0, CliRun.run("verify-evidence", out.resolve("evidence.zip").toString()).exit(), "the zip is untouched");

        CliRun notBundle = CliRun.run("verify-evidence", t.toString());
        assertEquals(2, notBundle.exit(), notBundle.toString());
        assertTrue(notBundle.err().startsWith("cxscan: error: "), notBundle.err());
        CliRun missing = CliRun.run("verify-evidence", dir.resolve("nope.zip").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("nope.zip"), missing.err());
        assertEquals(2, CliRun.run("verify-evidence").exit(), "BUNDLE is required");
    }

    private Path evidenceYaml(boolean withFiles) throws IOException {
        Path yaml = write("ev/evidence.yaml", """
                controls:
                  OPE-002:
                    statement: Runbook reviewed with the customer's operations team.
                    documents:
                      - file: docs/runbook.md
                        title: Operations runbook
                      - url: https://wiki.example.com/genai/runbook
                  DOC-001:
                    statement: Architecture diagram.
                    documents:
                      - file: docs/architecture.png
                """);
        if (withFiles) {
            write("ev/docs/runbook.md", "# Runbook\n1. Scale the endpoint.\n");
            write("ev/docs/architecture.png", "PNG-ish");
        }
        return yaml;
    }

    @Test
    void evidenceFileMakesManualControlsAttestedAndIsCopiedIntoTheBundle() throws IOException {
        Path t = write("topic.yaml", TemplateCommandTest.TOPIC);
        Path out = dir.resolve("attested");
        CliRun r = CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out.toString(), "--format",
                "json,evidence,html,csv", "--evidence", evidenceYaml(true).toString(), "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = mapper.readTree(out.resolve("results.json").toFile());
        Map<String, String> status = new HashMap<>();
        json.path("controls").forEach(c -> status.put(c.path("id").asText(), c.path("status").asText()));
        assertEquals("ATTESTED", status.get("OPE-002"), "a MANUAL control with the user's documents: " + status);
        assertEquals("MANUAL", status.get("OPE-003"), "no document: still MANUAL");
        assertEquals("FAIL", status.get("REL-001"), "an automated FAIL is never hidden");
        Path attachments = out.resolve("evidence/OPE-002/attachments");
        List<Path> copied;
        try (Stream<Path> s = Files.list(attachments)) {
            copied = s.toList();
        }
        assertEquals(1, copied.size(), "the file; the URL is linked: " + copied);
        assertEquals("# Runbook\n1. Scale the endpoint.\n", Files.readString(copied.get(0)));
        String page = Files.readString(out.resolve("evidence/OPE-002/index.html"));
        assertTrue(page.contains("https://wiki.example.com/genai/runbook"), "the URL is on the control page");
        assertTrue(Files.readString(out.resolve("index.html")).contains("Runbook reviewed with the customer"),
                "the statement is in the HTML report");
        assertEquals(0, CliRun.run("verify-evidence", out.resolve("evidence.zip").toString()).exit(),
                "attachments are in the manifest");
    }

    @Test
    void missingEvidenceDocumentsAreAnInputErrorNamingEachBeforeAnythingIsWritten() throws IOException {
        Path t = write("topic.yaml", TemplateCommandTest.TOPIC);
        Path out = dir.resolve("none");
        CliRun r = CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out.toString(),
                "--evidence", evidenceYaml(false).toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("cxscan: error: "), r.err());
        assertTrue(r.err().contains("evidence files not found"), r.err());
        assertTrue(r.err().contains("docs/runbook.md") && r.err().contains("docs/architecture.png"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        assertEquals("", r.out());

        CliRun absent = CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out.toString(),
                "--evidence", dir.resolve("no-such.yaml").toString());
        assertEquals(2, absent.exit(), absent.toString());
        assertTrue(absent.err().contains("no-such.yaml"), absent.err());

        Path invalid = write("bad.yaml", "controls:\n  XYZ-001:\n    documents: [{url: ftp://x}]\n");
        CliRun bad = CliRun.run(TestRules.s3AndHighFail(), "template", t.toString(), "--out", out.toString(),
                "--evidence", invalid.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("unknown control 'XYZ-001'"), bad.err());
    }

    @Test
    void theSampleEvidenceFileInTheRepositoryIsReadByTheCommandLine() throws IOException {
        Path sample = Path.of("..", "examples", "evidence.yaml");
        assertTrue(Files.isRegularFile(sample));
        Path copy = sample;
        Path out = dir.resolve("sample-out");
        CliRun r = CliRun.run("template", Path.of("..", "examples", "cdk.out").toString(), "--out", out.toString(),
                "--format", "json,evidence", "--evidence", copy.toString(), "--fail-on", "none", "-q");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = mapper.readTree(out.resolve("results.json").toFile());
        List<String> attested = new ArrayList<>();
        json.path("controls").forEach(c -> {
            if (c.path("status").asText().equals("ATTESTED")) {
                attested.add(c.path("id").asText());
            }
        });
        assertTrue(attested.containsAll(List.of("OPE-002", "OPE-003", "COST-001")), attested.toString());
    }

    /** Without the evidence bundle the resource data is left out, but it still teaches the redactor its secrets. */
    @Test
    void noSecretWithoutTheEvidenceBundleEither() throws IOException {
        Path t = write("secrets-plain.yaml", SecretFixtures.TEMPLATE);
        Path out = dir.resolve("secrets-plain");
        CliRun r = CliRun.run("template", t.toString(), "--out", out.toString(), "--format", "json,sarif,text,md,csv,junit",
                "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> texts = SecretFixtures.outputs(out);
        assertTrue(texts.containsKey("results.json"), texts.keySet().toString());
        texts.put("stdout", r.out());
        texts.put("stderr", r.err());
        assertEquals(List.of(), SecretFixtures.leaks(texts));
    }

    @Test
    void noSecretInAnyOutputFileOrOnStdoutOrStderr() throws IOException {
        Path t = write("secrets.yaml", SecretFixtures.TEMPLATE);
        Path out = dir.resolve("secrets");
        CliRun r = CliRun.run("template", t.toString(), "--out", out.toString(), "--format", SecretFixtures.ALL_FORMATS,
                "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> texts = SecretFixtures.outputs(out);
        assertTrue(texts.containsKey("evidence.zip!evidence/manifest.json"), "zip entries are read: " + texts.keySet());
        texts.put("stdout", r.out());
        texts.put("stderr", r.err());
        assertEquals(List.of(), SecretFixtures.leaks(texts));

        // the scan did see the secret-holding resources: their excerpts are in the bundle, redacted
        String bundle = String.join("\n", texts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("evidence/") && e.getKey().contains("/resources/"))
                .map(Map.Entry::getValue).toList());
        assertTrue(bundle.contains("\"MasterUserPassword\" : \"[REDACTED]\""), "the DB password default, masked");
        assertTrue(bundle.contains("\"SecretString\" : \"[REDACTED]\""), "the secret string, masked");
        assertTrue(bundle.contains("\"Password\" : \"[REDACTED]\""), "the console password, masked");
        assertTrue(bundle.contains("deployer-access-key-id") && bundle.contains("ci-session"), "the tags are there, values masked");
    }
}
