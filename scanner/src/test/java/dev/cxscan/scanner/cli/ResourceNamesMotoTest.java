package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.CxscanCommand;
import dev.cxscan.scanner.demo.EmulatorClients;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.probes.ec2.Ec2Probe;
import dev.cxscan.scanner.probes.iam.IamProbe;
import dev.cxscan.scanner.probes.s3.S3Probe;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A live finding names what it judged: `cxscan account` on moto with a tagged security group, an untagged one, a
 * tagged bucket and a tagged user; results.json carries each resource's name and tags, and the text table,
 * findings.csv and the HTML report show the name.
 */
class ResourceNamesMotoTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliRun scan(Path out) {
        List<Probe> probes = List.of(new Ec2Probe(), new S3Probe(), new IamProbe());
        AccountCommand.Setup setup = new AccountCommand.Setup(() -> probes, List::of, RuleEngine::withAllRules,
                c -> c.withCredentials(MotoServerExtension.CREDENTIALS));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == AccountCommand.class ? cls.cast(new AccountCommand(setup)) : CommandLine.defaultFactory().create(cls);
            }
        };
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        List<String> args = new ArrayList<>(List.of("account", "--endpoint-url", EMULATOR.endpoint().toString(),
                "--regions", "us-east-1", "--out", out.toString(), "--format", "json,csv,html,text", "--fail-on", "none"));
        int exit = CxscanCommand.run(factory, new PrintWriter(stdout), new PrintWriter(stderr), args.toArray(String[]::new));
        return new CliRun(exit, stdout.toString(), stderr.toString());
    }

    @Test
    void liveFindingsCarryTheResourcesNameAndTagsAndTheReportsShowTheName() throws Exception {
        String web;
        String db;
        try (EmulatorClients clients = new EmulatorClients(EMULATOR.endpoint())) {
            Ec2Client ec2 = clients.client(Ec2Client.class, Region.US_EAST_1);
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            web = ec2.createSecurityGroup(b -> b.groupName("web-sg").description("web").vpcId(vpc)
                    .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP).tags(
                            Tag.builder().key("Name").value("Web servers").build(),
                            Tag.builder().key("team").value("genai").build()))).groupId();
            db = ec2.createSecurityGroup(b -> b.groupName("db-sg").description("db").vpcId(vpc)).groupId();
            for (String g : List.of(web, db)) {
                ec2.authorizeSecurityGroupIngress(b -> b.groupId(g).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                        .fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
            }
            S3Client s3 = clients.client(S3Client.class, Region.US_EAST_1);
            s3.createBucket(b -> b.bucket("acme-docs"));
            s3.putBucketTagging(b -> b.bucket("acme-docs").tagging(t -> t.tagSet(
                    software.amazon.awssdk.services.s3.model.Tag.builder().key("env").value("prod").build())));
            IamClient iam = clients.client(IamClient.class, Region.US_EAST_1);
            iam.createUser(b -> b.userName("alice").tags(software.amazon.awssdk.services.iam.model.Tag.builder()
                    .key("team").value("data").build()));
            iam.putUserPolicy(b -> b.userName("alice").policyName("everything").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        }

        Path out = dir.resolve("out");
        CliRun r = scan(out);
        assertEquals(ExitCodes.OK, r.exit(), r.toString());
        JsonNode findings = JSON.readTree(out.resolve("results.json").toFile()).path("findings");

        JsonNode webSg = resource(findings, "ec2_sg_no_public_admin_ports", web);
        assertEquals("Web servers", webSg.path("name").asText(), "the Name tag first: " + webSg);
        assertEquals(Map.of("Name", "Web servers", "team", "genai"), JSON.convertValue(webSg.path("tags"), Map.class));
        JsonNode dbSg = resource(findings, "ec2_sg_no_public_admin_ports", db);
        assertEquals("db-sg", dbSg.path("name").asText(), "no Name tag: the group name " + dbSg);
        assertEquals(Map.of(), JSON.convertValue(dbSg.path("tags"), Map.class), "tags read, none set");
        JsonNode bucket = resource(findings, "s3_bucket_versioning", "acme-docs");
        assertEquals("acme-docs", bucket.path("name").asText());
        assertEquals(Map.of("env", "prod"), JSON.convertValue(bucket.path("tags"), Map.class));
        JsonNode alice = resource(findings, "iam_no_admin_policy", "alice");
        assertEquals("alice", alice.path("name").asText());
        assertEquals(Map.of("team", "data"), JSON.convertValue(alice.path("tags"), Map.class));

        assertTrue(r.out().contains("security-group/" + web + " (Web servers)"), r.out());
        assertTrue(r.out().contains("security-group/" + db + " (db-sg)"), r.out());
        String csv = Files.readString(out.resolve("findings.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(l -> l.contains(web) && l.endsWith(",Web servers,Name=Web servers; team=genai")), csv);
        String html = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<code>" + web + "</code><div class=\"rname\">Web servers</div>"), "HTML findings table");
        assertTrue(html.contains("<code>" + db + "</code><div class=\"rname\">db-sg</div>"), "HTML findings table");
    }

    private static JsonNode resource(JsonNode findings, String check, String id) {
        for (JsonNode f : findings) {
            if (f.path("check").asText().equals(check) && f.at("/resource/id").asText().equals(id)) {
                return f.path("resource");
            }
        }
        throw new AssertionError("no " + check + " finding on " + id + " in " + findings);
    }
}
