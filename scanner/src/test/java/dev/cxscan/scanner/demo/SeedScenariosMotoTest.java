package dev.cxscan.scanner.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.cli.ExitCodes;
import dev.cxscan.scanner.emulator.BackupSelectionStub;
import dev.cxscan.scanner.emulator.FaultProxy;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * End to end on the emulator, through the command line entry point: each example account (localstack/seed) is
 * seeded into moto through CloudFormation and SDK calls, then {@code cxscan account --endpoint-url ... --role-arn
 * ... --external-id ...} scans it and the status of every live check (and of key rules) in results.json is
 * compared with the table below. Emulator limits behind some expected values are explained in
 * localstack/seed/README.md. {@code cxscan demo} runs here too (it needs moto_server).
 */
class SeedScenariosMotoTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    static final String ROLE = "arn:aws:iam::" + MotoServerExtension.ACCOUNT + ":role/cxscan";
    static final ObjectMapper JSON = new ObjectMapper();

    /** check id -> {compliant, noncompliant}. */
    static final Map<String, String[]> LIVE = new LinkedHashMap<>();
    /**
     * "check resourceId" -> {compliant, noncompliant} for rule findings (null: resource absent in that scenario;
     * resourceId *: every resource of the check, for generated ids).
     */
    static final Map<String, String[]> RULES = new LinkedHashMap<>();
    /** The live checks that give one finding per IAM user (their rows are in RULES). */
    static final java.util.Set<String> PER_USER = new java.util.TreeSet<>();

    static {
        live("root_mfa_enabled", "FAIL", "FAIL"); // moto: AccountMFAEnabled is always 0
        live("root_no_access_keys", "PASS", "PASS");
        live("root_not_used_recently", "ERROR", "ERROR"); // moto: no <root_account> row in the credential report
        live("account_alternate_contacts", "PASS", "FAIL");
        live("cloudtrail_multi_region_logging", "PASS", "FAIL");
        live("cloudtrail_management_events", "PASS", "FAIL");
        live("iam_identity_federation", "PASS", "PASS"); // moto: sso ListInstances always answers an instance
        live("iam_password_policy_strong", "PASS", "FAIL");
        live("network_threat_detection", "PASS", "FAIL");
        live("ebs_default_encryption", "PASS", "FAIL");
        // compliant: all but the IAM role (AWS CloudFormation gives roles no aws:cloudformation:* tag); the seeder tags
        // the buckets on moto as AWS does (MotoDeployShims)
        live("iac_managed_resources", "PASS", "FAIL");
        live("no_console_changes", "ERROR", "ERROR"); // moto: no LookupEvents
        live("cfn_stacks_in_sync", "PASS", "PASS"); // moto: no drift detection
        live("ssm_runbooks_present", "INFO", "INFO");
        live("pipeline_test_stage", "INFO", "INFO");
        live("budgets_present", "INFO", "INFO");
        // compliant: DataKey, the trail key and aws/ebs (moto makes it a customer key; it rotates as AWS rotates its
        // managed keys, MotoDeployShims) rotate; noncompliant: StaticKey does not. Judged, not ERROR, since the
        // seeder hands moto the key policy as text (Seeder.keyPoliciesAsText)
        live("kms_key_rotation_enabled", "[PASS, PASS, PASS]", "FAIL");
        // compliant: plan compliant-daily selects the orders table and every volume (moto serves no selections: the
        // BackupSelectionStub in front of it does); noncompliant: a database, a table and a volume, and no plan
        live("backup_plan_present", "PASS", "FAIL");
        live("backup_resource_covered", "[PASS, PASS, PASS]", "[FAIL, FAIL, FAIL]");

        rule("s3_bucket_versioning compliant-docs", "PASS", null);
        rule("s3_bucket_versioning noncompliant-docs", null, "FAIL");
        rule("s3_bucket_public_access_blocked noncompliant-docs", null, "FAIL");
        rule("s3_bucket_secure_transport compliant-docs", "PASS", null);
        rule("cloudtrail_bucket_protected compliant-trail", "PASS", null);
        rule("cloudtrail_bucket_dedicated compliant-trail", "PASS", null);
        rule("cloudtrail_bucket_not_public noncompliant-trail", null, "FAIL");
        rule("cloudtrail_kms_encrypted compliant-trail", "PASS", null);
        rule("log_group_retention /compliant/app", "PASS", null);
        rule("log_group_retention /noncompliant/app", null, "FAIL");
        rule("sns_topic_encrypted noncompliant-alerts", null, "FAIL");
        rule("dynamodb_pitr_enabled compliant-orders", "PASS", null);
        // the compliant template's settings that moto's CloudFormation misreads, deployed as on AWS (MotoDeployShims)
        rule("dynamodb_kms_encrypted compliant-orders", "PASS", null);
        rule("dynamodb_kms_encrypted noncompliant-orders", null, "FAIL");
        rule("log_group_encrypted /compliant/app", "PASS", null);
        rule("log_group_encrypted /noncompliant/app", null, "FAIL");
        rule("ebs_volume_encrypted *", "[PASS, PASS]", "FAIL"); // compliant: DataVolume, CacheVolume; noncompliant: PlainVolume
        rule("dynamodb_pitr_enabled noncompliant-orders", null, "FAIL");
        rule("rds_storage_encrypted noncompliant-db", null, "FAIL");
        rule("backup_resource_covered compliant-orders", "PASS", null);
        rule("backup_resource_covered noncompliant-orders", null, "FAIL");
        rule("backup_resource_covered noncompliant-db", null, "FAIL");
        rule("iam_no_admin_policy ci-deployer", null, "FAIL");
        rule("iam_no_admin_policy legacy-admin", null, "FAIL"); // AWS-managed AdministratorAccess attached
        // a role of the workload stack holding the stack's customer-managed "*" on "*" policy: both FAIL
        rule("iam_no_admin_policy noncompliant-deployer", null, "FAIL");
        rule("iam_no_admin_policy noncompliant-deploy-anything", null, "FAIL");

        // one row per seeded IAM user (compliant-operator: console password and MFA; legacy-admin: console password,
        // no MFA, AdministratorAccess, an access key; ci-deployer: no console password, an inline admin policy, a key)
        user("iam_user_console_mfa compliant-operator", "PASS", null);
        user("iam_user_console_mfa legacy-admin", null, "FAIL");
        user("iam_user_console_mfa ci-deployer", null, "PASS"); // no console password
        user("iam_admin_not_attached_to_users compliant-operator", "PASS", null);
        user("iam_admin_not_attached_to_users legacy-admin", null, "FAIL");
        user("iam_admin_not_attached_to_users ci-deployer", null, "PASS"); // an inline policy, not AdministratorAccess
        user("iam_access_keys_rotated compliant-operator", "PASS", null); // no access key
        user("iam_access_keys_rotated legacy-admin", null, "PASS"); // moto cannot backdate keys
        user("iam_access_keys_rotated ci-deployer", null, "PASS");
        rule("cloudwatch_alarm_actions noncompliant-db-cpu", null, "FAIL");
        rule("cloudwatch_alarm_actions compliant-queue-depth", "PASS", null);
    }

    static void live(String id, String compliant, String noncompliant) {
        LIVE.put(id, new String[] {compliant, noncompliant});
    }

    static void rule(String key, String compliant, String noncompliant) {
        RULES.put(key, new String[] {compliant, noncompliant});
    }

    static void user(String key, String compliant, String noncompliant) {
        rule(key, compliant, noncompliant);
        PER_USER.add(key.split(" ", 2)[0]);
    }

    @TempDir
    Path dir;

    /** Emulators take any credentials; these keep real ones out of the test (the CLI reads the default chain). */
    @BeforeAll
    static void emulatorCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDCXSCANTEST");
        System.setProperty("aws.secretAccessKey", "cxscan-test-secret");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CxscanCommand.run(CommandLine.defaultFactory(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The role the scan assumes (a customer deploys it with `cxscan policy --cloudformation`). */
    static void createScanRole() {
        try (IamClient iam = IamClient.builder().region(Region.US_EAST_1).endpointOverride(EMULATOR.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCXSCANTEST", "x")))
                .build()) {
            iam.createRole(b -> b.roleName("cxscan").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\","
                            + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"partner-x\"}}}]}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"compliant", "noncompliant"})
    void everyLiveCheckGivesTheExpectedStatus(String scenario) throws Exception {
        try (FaultProxy emulator = new FaultProxy(EMULATOR.endpoint())) {
            BackupSelectionStub selections = new BackupSelectionStub();
            emulator.serve(selections);
            scanSeeded(scenario, emulator.endpoint().toString());
            assertEquals(scenario.equals("compliant") ? 1 : 0, selections.size(), "the seeder created the plan's selection");
        }
    }

    /** Seeds {@code scenario} through {@code endpoint}, scans it there through the command line, checks the findings. */
    private void scanSeeded(String scenario, String endpoint) throws Exception {
        new Seeder().seed(endpoint, scenario);
        createScanRole();
        Path out = dir.resolve("report");
        List<String> args = new ArrayList<>(List.of("account", "--endpoint-url", endpoint,
                "--role-arn", ROLE, "--external-id", "partner-x", "--regions", "us-east-1", "--out", out.toString(),
                "--format", "json,evidence", "--fail-on", "none"));
        boolean noncompliant = scenario.equals("noncompliant");
        if (noncompliant) {
            // the account scan with the user's evidence and a Well-Architected review file
            args.addAll(List.of("--evidence", Path.of("..", "examples", "evidence.yaml").toString(),
                    "--wafr-file", wafrSample("get-workload.cli.json").toString(),
                    "--wafr-file", wafrSample("get-lens-review.wire.json").toString(),
                    "--wafr-file", wafrSample("list-answers.page1.wire.json").toString(), "--wafr-max-age", "100000"));
        }
        Run r = cli(args.toArray(String[]::new));
        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), "moto answers no LookupEvents: ERROR findings, exit 3\n" + r);
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals("arn:aws:sts::" + MotoServerExtension.ACCOUNT + ":assumed-role/cxscan/cxscan",
                results.at("/scan/callerArn").asText());
        int column = noncompliant ? 1 : 0;

        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        JsonNode findings = results.path("findings");
        LIVE.forEach((id, statuses) -> {
            expected.put(id, statuses[column]);
            actual.put(id, statuses(findings, id, null));
        });
        RULES.forEach((key, statuses) -> {
            if (statuses[column] != null) {
                String[] parts = key.split(" ", 2);
                expected.put(key, statuses[column]);
                actual.put(key, statuses(findings, parts[0], parts[1].equals("*") ? null : parts[1]));
            }
        });
        StringBuilder messages = new StringBuilder();
        findings.forEach(f -> {
            if (LIVE.containsKey(f.path("check").asText()) || PER_USER.contains(f.path("check").asText())) {
                messages.append("\n  ").append(f.path("check").asText()).append(' ').append(f.path("status").asText())
                        .append(": ").append(f.path("message").asText());
            }
        });
        assertEquals(expected, actual, scenario + " live findings:" + messages);
        if (noncompliant) {
            String plan = message(findings, "backup_plan_present");
            assertTrue(plan.contains("no AWS Backup plan in region us-east-1: 3 resources") && plan.contains("noncompliant-db")
                    && plan.contains("noncompliant-orders"), plan);
        }

        // the per-user checks give a row to each seeded user and to nothing else (no account-level summary row)
        java.util.Set<String> users = new java.util.TreeSet<>();
        RULES.forEach((key, statuses) -> {
            if (statuses[column] != null && PER_USER.contains(key.split(" ", 2)[0])) {
                users.add(key.split(" ", 2)[1]);
            }
        });
        for (String check : PER_USER) {
            java.util.Set<String> rows = new java.util.TreeSet<>();
            findings.forEach(f -> {
                if (f.path("check").asText().equals(check)) {
                    assertEquals("AWS::IAM::User", f.at("/resource/type").asText(), f.toString());
                    assertTrue(f.at("/resource/arn").asText().endsWith(":user/" + f.at("/resource/id").asText()), f.toString());
                    rows.add(f.at("/resource/id").asText());
                }
            });
            assertEquals(users, rows, scenario + " " + check);
        }

        // the evidence bundle holds the API answer (in CloudFormation shape) each live finding was judged on
        JsonNode excerpt = resourceExcerpt(out.resolve("evidence"), scenario + "-docs");
        assertEquals("AWS::S3::Bucket", excerpt.at("/data/Type").asText(), excerpt.toString());
        assertEquals(scenario + "-docs", excerpt.at("/data/Properties/BucketName").asText(), excerpt.toString());
        assertEquals(!noncompliant, excerpt.at("/data/Properties").has("BucketEncryption"), excerpt.toString());
        // findings name what they judged: the bucket's name, the security group's Name tag, the user's tags
        JsonNode docs = resourceOf(findings, "s3_bucket_versioning", scenario + "-docs");
        assertEquals(scenario + "-docs", docs.path("name").asText(), docs.toString());
        if (noncompliant) {
            JsonNode admin = null;
            for (JsonNode f : findings) {
                if (f.path("check").asText().equals("ec2_sg_no_public_admin_ports") && f.path("status").asText().equals("FAIL")
                        && f.at("/resource/tags/Name").asText().equals("bastion (temporary)")) {
                    admin = f.path("resource");
                }
            }
            assertTrue(admin != null, "the open admin group, by its Name tag: " + findings);
            assertEquals("bastion (temporary)", admin.path("name").asText(), admin.toString());
            assertTrue(admin.path("id").asText().startsWith("sg-"), admin.toString());
            JsonNode deployer = resourceOf(findings, "iam_no_admin_policy", "ci-deployer");
            assertEquals("ci-deployer", deployer.path("name").asText(), deployer.toString());
            assertEquals("platform-team", deployer.at("/tags/owner").asText(), deployer.toString());
        }
        if (noncompliant) {
            Map<String, String> controls = new TreeMap<>();
            results.path("controls").forEach(c -> controls.put(c.path("id").asText(), c.path("status").asText()));
            assertEquals("ATTESTED", controls.get("OPE-002"), "--evidence documents a MANUAL control: " + controls);
            JsonNode wafr = results.path("wafr");
            assertFalse(wafr.isMissingNode(), "the review record is in results.json");
            assertTrue(wafr.toString().contains(MotoServerExtension.ACCOUNT), "judged against the scanned account: " + wafr);
            assertTrue(r.err().contains("wafr: "), r.err());
        }
    }

    /** `cxscan demo`: emulator started, noncompliant account seeded, scanned with examples/cdk.out, report, stop. */
    @Test
    void demoRunsEndToEnd() throws Exception {
        Path out = dir.resolve("demo");
        Run r = cli("demo", "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("started moto_server") || r.err().contains("started LocalStack"),
                "says which emulator it started: " + r.err());
        assertTrue(r.out().contains("The report is in " + out.toAbsolutePath()), r.out());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(MotoServerExtension.ACCOUNT, results.at("/scan/account").asText());
        assertTrue(results.at("/scan/templates").size() > 0, "the example CDK app is scanned too");
        assertTrue(results.path("findings").toString().contains("noncompliant-docs"), "the seeded account is scanned");
        assertTrue(r.err().contains("stopped"), "the emulator is stopped: " + r.err());
    }

    /**
     * `cxscan demo --scenario compliant`: only CompliantStack is scanned with the compliant account, and the sample
     * evidence attaches a document to every control of the catalog. The FAIL and ERROR findings that remain are
     * the emulator's gaps, listed here, and every control is PASS except those the gaps or the checklist keep from it.
     */
    @Test
    void theCompliantDemoShowsOnlyTheCompliantEndWithEvidenceForEveryControl() throws Exception {
        Path out = dir.resolve("demo-compliant");
        Run r = cli("demo", "--scenario", "compliant", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.toString());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(1, results.at("/scan/templates").size(), results.at("/scan/templates").toString());
        assertTrue(results.at("/scan/templates/0").asText().endsWith("CompliantStack.template.json"),
                results.at("/scan/templates").toString());
        String findingsText = results.path("findings").toString();
        assertFalse(findingsText.contains("NoncompliantStack"), "no finding of the noncompliant stack");
        assertFalse(findingsText.contains("noncompliant-"), "no resource of the noncompliant account");
        assertTrue(findingsText.contains("compliant-docs"), "the seeded compliant account is scanned");

        // every control of the catalog has the sample documents attached in the evidence bundle
        for (JsonNode c : results.path("controls")) {
            String id = c.path("id").asText();
            JsonNode control = JSON.readTree(out.resolve("evidence").resolve(id).resolve("control.json").toFile());
            JsonNode docs = control.at("/userEvidence/documents");
            assertTrue(docs.size() > 0, id + " has no attached evidence: " + control);
            for (JsonNode d : docs) {
                if (!d.path("file").asText().isEmpty()) {
                    assertTrue(Files.isRegularFile(out.resolve("evidence").resolve(id).resolve(d.path("file").asText())),
                            id + ": " + d);
                }
            }
        }
        assertEquals(11, results.path("controls").size());

        // what still keeps the compliant demo from a clean report, and why: all emulator gaps
        Map<String, String> remaining = new TreeMap<>();
        results.path("findings").forEach(f -> {
            String status = f.path("status").asText();
            if (status.equals("FAIL") || status.equals("ERROR")) {
                remaining.merge(f.path("check").asText() + " " + status, "\n    " + f.at("/resource/id").asText() + ": "
                        + f.path("message").asText(), String::concat);
            }
        });
        assertEquals(COMPLIANT_DEMO_GAPS, remaining.keySet(), "FAIL/ERROR findings of the compliant demo: " + remaining);

        Map<String, String> controls = new TreeMap<>();
        Map<String, String> missing = new TreeMap<>();
        results.path("controls").forEach(c -> {
            controls.put(c.path("id").asText(), c.path("status").asText());
            missing.put(c.path("id").asText(), c.at("/verdict/missing").toString());
        });
        Map<String, String> expected = new TreeMap<>();
        controls.keySet().forEach(id -> expected.put(id, "PASS"));
        expected.put("ACCT-001", "FAIL"); // root_mfa_enabled FAIL, root_not_used_recently ERROR: moto's root user
        expected.put("REL-001", "ERROR"); // no_console_changes ERROR: moto serves no LookupEvents
        expected.put("REL-002", "ERROR"); // the backup checks ERROR: moto serves no backup selections (HTTP 500)
        // their only checks are hints (INFO): the attached documents attest them (docs/verdicts.md)
        expected.put("OPE-002", "ATTESTED");
        expected.put("OPE-003", "ATTESTED");
        expected.put("COST-001", "ATTESTED");
        assertEquals(expected, controls, "control statuses of the compliant demo; what each lacks: " + missing);
    }

    /**
     * The FAIL/ERROR findings of the compliant demo, each an emulator gap (localstack/seed/README.md). What moto's
     * CloudFormation drops from the templates is deployed as on AWS by MotoDeployShims, so none is listed here.
     */
    static final java.util.Set<String> COMPLIANT_DEMO_GAPS = new java.util.TreeSet<>(List.of(
            "root_mfa_enabled FAIL", // moto: AccountMFAEnabled is always 0
            "root_not_used_recently ERROR", // moto: no <root_account> row in the credential report
            "no_console_changes ERROR", // moto: no CloudTrail LookupEvents
            // moto answers the backup selection API with HTTP 500 (the test scans put BackupSelectionStub in front)
            "backup_plan_present ERROR",
            "backup_resource_covered ERROR"));

    private static String message(JsonNode findings, String check) {
        for (JsonNode f : findings) {
            if (f.path("check").asText().equals(check)) {
                return f.path("message").asText();
            }
        }
        throw new AssertionError("no finding of " + check);
    }

    private static String statuses(JsonNode findings, String check, String resourceId) {
        List<String> got = new ArrayList<>();
        findings.forEach(f -> {
            if (f.path("check").asText().equals(check)
                    && (resourceId == null || f.at("/resource/id").asText().equals(resourceId))) {
                got.add(f.path("status").asText());
            }
        });
        return got.size() == 1 ? got.get(0) : got.toString();
    }

    private static JsonNode resourceOf(JsonNode findings, String check, String resourceId) {
        for (JsonNode f : findings) {
            if (f.path("check").asText().equals(check) && f.at("/resource/id").asText().equals(resourceId)) {
                return f.path("resource");
            }
        }
        throw new AssertionError("no " + check + " finding on " + resourceId);
    }

    private static JsonNode resourceExcerpt(Path evidence, String resourceId) throws IOException {
        try (Stream<Path> files = Files.walk(evidence)) {
            for (Path p : files.filter(f -> f.getParent().getFileName().toString().equals("resources")
                    && f.toString().endsWith(".json")).toList()) {
                // evidence/resources/N-SOURCE.json: each judged resource once, per template or region
                for (JsonNode doc : JSON.readTree(p.toFile()).path("resources")) {
                    if (doc.at("/resource/id").asText().equals(resourceId)) {
                        return doc;
                    }
                }
            }
        }
        throw new AssertionError("no resource excerpt for " + resourceId + " in " + evidence);
    }

    private Path wafrSample(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wafr/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }
}
