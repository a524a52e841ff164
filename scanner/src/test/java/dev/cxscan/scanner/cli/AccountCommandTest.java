package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** {@code cxscan account} end to end against moto, through the command line entry point. */
class AccountCommandTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A probe that records a permission error for one check. */
    static final class DeniedProbe implements Probe {
        @Override
        public String service() {
            return "ec2";
        }

        @Override
        public Scope scope() {
            return Scope.REGIONAL;
        }

        @Override
        public java.util.Set<String> resourceTypes() {
            return java.util.Set.of("AWS::EC2::SecurityGroup");
        }

        @Override
        public void read(ProbeContext c) {
            c.inventory().error(new ProbeError("ec2", "ec2:DescribeSecurityGroups", "UnauthorizedOperation",
                    "You are not authorized to perform this operation.", c.region().id(),
                    List.of("ec2_sg_no_public_admin_ports")));
        }
    }

    private CliRun run(AccountCommand.Setup setup, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == AccountCommand.class) {
                    return cls.cast(new AccountCommand(setup));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        List<String> all = new ArrayList<>(List.of("account", "--endpoint-url", EMULATOR.endpoint().toString(),
                "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        int exit = CxscanCommand.run(factory, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Test probes and no live checks (live checks without their probes' data would each report ERROR). */
    private static AccountCommand.Setup setup(List<Probe> probes) {
        return new AccountCommand.Setup(() -> probes, List::of, RuleEngine::withAllRules,
                c -> c.withCredentials(MotoServerExtension.CREDENTIALS));
    }

    private static AccountCommand.Setup standard() {
        AccountCommand.Setup s = AccountCommand.Setup.standard();
        UnaryOperator<dev.cxscan.scanner.live.SessionConfig> creds = c -> c.withCredentials(MotoServerExtension.CREDENTIALS);
        return new AccountCommand.Setup(s.probes(), s.liveChecks(), s.engine(), creds);
    }

    private JsonNode results() throws Exception {
        return JSON.readTree(Files.readString(dir.resolve("out").resolve("results.json")));
    }

    @Test
    void emptyAccountGivesAReportWithAccountAndCaller() throws Exception {
        CliRun r = run(standard(), "--regions", "us-east-1", "--format", "json", "--fail-on", "none");
        assertNotEquals(ExitCodes.USAGE, r.exit(), r.toString());
        JsonNode scan = results().path("scan");
        assertEquals(MotoServerExtension.ACCOUNT, scan.path("account").asText(), r.toString());
        assertTrue(scan.path("callerArn").asText().startsWith("arn:aws:"), scan.toString());
        assertEquals("us-east-1", scan.path("regions").path(0).asText());
        assertEquals(1, scan.path("regions").size());
        assertTrue(r.err().contains("scanning account 123456789012"), r.err());
    }

    @Test
    void aProbeErrorGivesErrorFindingsAndExit3() throws Exception {
        CliRun r = run(setup(List.of(new DeniedProbe())), "--regions", "us-east-1,eu-west-1", "--format", "json,text");
        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), r.toString());
        List<JsonNode> errors = new ArrayList<>();
        results().path("findings").forEach(f -> {
            if (f.path("check").asText().equals("ec2_sg_no_public_admin_ports")) {
                errors.add(f);
            }
        });
        assertEquals(2, errors.size(), errors.toString());
        for (JsonNode f : errors) {
            assertEquals("ERROR", f.path("status").asText());
            assertTrue(f.path("message").asText().contains("ec2:DescribeSecurityGroups failed with UnauthorizedOperation"),
                    f.toString());
        }
        assertEquals("ERROR", control("NETSEC-001").path("status").asText());
    }

    @Test
    void withoutFormatAnAccountScanWritesTheAuditorsHtmlReportAndEvidenceBundle() throws Exception {
        CliRun r = run(setup(List.of(new DeniedProbe())), "--regions", "us-east-1", "--fail-on", "none");
        assertEquals(ExitCodes.SCAN_ERROR, r.exit(), r.toString());
        Path out = dir.resolve("out");
        for (String file : List.of("results.json", "index.html", "evidence.zip", "evidence/manifest.json")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " is a default of account: " + r);
        }
        assertFalse(Files.exists(out.resolve("results.sarif")), "sarif (a CI format) only on request for an account scan");
    }

    @Test
    void assumedRoleIsTheRecordedCaller() throws Exception {
        try (IamClient iam = IamClient.builder().region(Region.US_EAST_1).endpointOverride(EMULATOR.endpoint())
                .credentialsProvider(MotoServerExtension.CREDENTIALS).build()) {
            iam.createRole(b -> b.roleName("cxscan").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        CliRun r = run(setup(List.of()), "--regions", "us-east-1", "--role-arn", "arn:aws:iam::123456789012:role/cxscan",
                "--external-id", "partner-7", "--session-name", "evidence", "--duration", "15m", "--format", "json");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        assertEquals("arn:aws:sts::123456789012:assumed-role/cxscan/evidence", results().path("scan").path("callerArn").asText());
    }

    @Test
    void templatesJoinTheSameReport() throws Exception {
        Path t = dir.resolve("app.yaml");
        Files.writeString(t, """
                Resources:
                  Web:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      SecurityGroupIngress:
                        - IpProtocol: tcp
                          FromPort: 22
                          ToPort: 22
                          CidrIp: 0.0.0.0/0
                """);
        CliRun r = run(setup(List.of()), "--regions", "us-east-1", "--template", t.toString(), "--format", "json");
        assertEquals(ExitCodes.FINDINGS, r.exit(), r.toString());
        JsonNode res = results();
        assertEquals(1, res.path("scan").path("templates").size());
        assertEquals(MotoServerExtension.ACCOUNT, res.path("scan").path("account").asText());
        boolean templateFail = false;
        for (JsonNode f : res.path("findings")) {
            if (f.path("check").asText().equals("ec2_sg_no_public_admin_ports") && f.path("resource").path("id").asText().equals("Web")) {
                templateFail = f.path("status").asText().equals("FAIL");
            }
        }
        assertTrue(templateFail, res.path("findings").toString());
    }

    @Test
    void allRegionsAreTheEnabledOnes() throws Exception {
        CliRun r = run(setup(List.of()), "--regions", "all", "--format", "json", "--concurrency", "16");
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        JsonNode regions = results().path("scan").path("regions");
        assertTrue(regions.size() > 10, regions.toString());
        List<String> names = new ArrayList<>();
        regions.forEach(x -> names.add(x.asText()));
        assertTrue(names.contains("eu-west-1") && names.contains("us-east-1"), names.toString());
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCodes.USAGE, run(setup(List.of()), "--external-id", "x").exit());
        assertEquals(ExitCodes.USAGE, run(setup(List.of()), "--regions", "all,us-east-1").exit());
        assertEquals(ExitCodes.USAGE, run(setup(List.of()), "--role-arn", "arn:aws:iam::1:role/x", "--duration", "5m").exit());
        assertEquals(ExitCodes.USAGE, run(setup(List.of()), "--concurrency", "0").exit());
    }

    private JsonNode control(String id) throws Exception {
        for (JsonNode c : results().path("controls")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no control " + id);
    }
}
