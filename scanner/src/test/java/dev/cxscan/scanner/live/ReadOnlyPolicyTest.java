package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.emulator.AwsWireServer;
import dev.cxscan.scanner.demo.Seeder;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.template.TemplateScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** The shipped scan-role policy: exactly what the probes call, nothing that writes, and a deployable role. */
class ReadOnlyPolicyTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    @TempDir
    Path dir;

    @Test
    void policyIsExactlyTheActionsTheProbesDeclare() {
        Set<String> expected = ReadOnlyPolicy.required(AccountScan.loadProbes());
        Set<String> actual = ReadOnlyPolicy.actions();
        assertEquals(expected, actual, "scanner/src/main/resources/cxscan-readonly-policy.json is out of date:\n"
                + String.join("\n", ReadOnlyPolicy.diff(expected, actual)) + "\nexpected file:\n"
                + ReadOnlyPolicy.pretty(ReadOnlyPolicy.documentOf(expected)));
    }

    @Test
    void policyHoldsNoWriteAction() {
        Set<String> writes = new TreeSet<>();
        for (String a : ReadOnlyPolicy.actions()) {
            if (!ReadOnlyPolicy.isRead(a) || a.contains("*")) {
                writes.add(a);
            }
        }
        assertEquals(Set.of(), writes);
        JsonNode doc = ReadOnlyPolicy.document();
        for (JsonNode st : doc.path("Statement")) {
            assertEquals("Allow", st.path("Effect").asText());
            assertTrue(st.path("NotAction").isMissingNode(), "no NotAction");
        }
        // an inline role policy holds at most 10,240 characters
        assertTrue(doc.toString().length() < 10_240, "policy size " + doc.toString().length());
        assertTrue(!ReadOnlyPolicy.isRead("s3:PutBucketPolicy") && !ReadOnlyPolicy.isRead("ec2:CreateVpc")
                && !ReadOnlyPolicy.isRead("iam:Listen") && ReadOnlyPolicy.isRead("iam:GenerateCredentialReport"));
    }

    /**
     * A real multi-probe scan of a seeded account: both example accounts (localstack/seed) deployed into the
     * emulator, so every probe finds resources and makes its per-resource calls too, in two regions.
     */
    @Test
    void everyCallOfAnEmulatorScanIsInThePolicy() throws Exception {
        Seeder seeder = new Seeder();
        // noncompliant first: its RDS instance goes into the default VPC (no subnet group), which the compliant seed
        // deletes; AWS would refuse that instance in an account without a default VPC too
        seeder.seed(EMULATOR.endpoint().toString(), "noncompliant");
        seeder.seed(EMULATOR.endpoint().toString(), "compliant");
        // moto has no Account API: the loopback server answers it. LookupEvents goes to moto, which fails it,
        // but the call is recorded (and one attempt is enough for that).
        try (AwsWireServer wire = AwsWireServer.start()
                .alternateContacts(Map.of())
                .contactInformation(AwsWireServer.contact("Ops", "ops@example.com", "+1 555 0100", "Ops"))) {
            SessionConfig c = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                    .withEndpoint(EMULATOR.endpoint())
                    .withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30),
                            java.time.Duration.ofMinutes(1), 1)
                    .withEndpointOverrides(Map.of("account", wire.endpoint()));
            try (AwsSession s = new AwsSession(c, Region.US_EAST_1)) {
                AwsSession.Identity id = s.identity();
                AccountScan.Outcome o = new AccountScan(s, id.account(), Region.US_EAST_1, AccountScan.loadProbes(),
                        AccountScan.loadLiveChecks(), RuleEngine.withAllRules(), 4, ScanProgress.NONE)
                        .reachability(s::unreachable).run(List.of(Region.US_EAST_1, Region.EU_WEST_1));
                assertTrue(o.resources() > 30, "the seeded accounts were read: " + o.resources() + " resources");
                Set<String> called = s.recorder().calls().keySet();
                for (String perResource : List.of("sts:GetCallerIdentity", "ec2:DescribeRegions", "s3:GetEncryptionConfiguration",
                        "s3:GetBucketPolicy", "kms:GetKeyRotationStatus", "dynamodb:DescribeContinuousBackups",
                        "cloudtrail:GetEventSelectors", "cloudtrail:LookupEvents", "sqs:GetQueueAttributes")) {
                    assertTrue(called.contains(perResource), perResource + " not called: " + called);
                }
                Set<String> missing = new TreeSet<>(called);
                missing.removeAll(ReadOnlyPolicy.actions());
                assertEquals(Set.of(), missing, "calls made that the scan-role policy does not allow");
            }
        }
    }

    private String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CxscanCommand.run(picocli.CommandLine.defaultFactory(), new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void policyCommandPrintsThePolicy() throws Exception {
        String[] r = cli("policy");
        assertEquals("0", r[0], r[2]);
        assertEquals(ReadOnlyPolicy.document(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(r[1]));
    }

    @Test
    void cloudFormationRolePassesCxscansOwnTemplateRules() throws Exception {
        String[] r = cli("policy", "--cloudformation", "--trusted-principal", "arn:aws:iam::111122223333:root",
                "--external-id", "partner-x");
        assertEquals("0", r[0], r[2]);
        JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r[1]);
        JsonNode props = t.path("Resources").path("CxscanScanRole").path("Properties");
        assertEquals(3600, props.path("MaxSessionDuration").asInt());
        assertEquals("partner-x", props.path("AssumeRolePolicyDocument").path("Statement").path(0).path("Condition")
                .path("StringEquals").path("sts:ExternalId").asText());
        assertEquals(ReadOnlyPolicy.document(), props.path("Policies").path(0).path("PolicyDocument"));

        Path file = dir.resolve("cxscan-role.template.json");
        Files.writeString(file, r[1]);
        TemplateScan.Outcome o = new TemplateScan(RuleEngine.withAllRules()).run(List.of(file), new Diagnostics());
        Finding trust = o.result().findings().stream().filter(f -> f.check().equals("iam_role_trust_restricted"))
                .findFirst().orElseThrow();
        assertEquals(Status.PASS, trust.status(), trust.message());
        List<Finding> fails = o.result().findings().stream().filter(f -> f.status() == Status.FAIL).toList();
        assertEquals(List.of(), fails.stream().filter(f -> f.check().startsWith("iam_no_admin")
                || f.check().equals("iam_no_wildcard_actions")).toList());
    }

    @Test
    void cloudFormationNeedsAPrincipalAndGeneratesAnExternalId() {
        assertEquals("2", cli("policy", "--cloudformation")[0]);
        assertEquals("2", cli("policy", "--trusted-principal", "arn:aws:iam::111122223333:root")[0]);
        String[] r = cli("policy", "--cloudformation", "--trusted-principal", "111122223333");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("generated external id"), r[2]);
        assertTrue(r[1].contains("arn:aws:iam::111122223333:root"), r[1]);
    }
}
