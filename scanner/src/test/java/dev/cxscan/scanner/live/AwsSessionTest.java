package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleEngine;
import dev.cxscan.scanner.emulator.AwsWireServer;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Sessions against moto: identity, assume-role with an external id, the read-only guard, region skips. */
class AwsSessionTest {
    @RegisterExtension
    static final MotoServerExtension EMULATOR = new MotoServerExtension();

    private SessionConfig config() {
        return SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS).withEndpoint(EMULATOR.endpoint());
    }

    /** A client without cxscan's guard, to set up and inspect the emulator. */
    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C raw(B builder) {
        return builder.region(Region.US_EAST_1).credentialsProvider(MotoServerExtension.CREDENTIALS)
                .endpointOverride(EMULATOR.endpoint()).build();
    }

    @Test
    void identityOfTheCallerAndEveryCallRecorded() {
        try (AwsSession s = new AwsSession(config(), Region.US_EAST_1)) {
            AwsSession.Identity id = s.identity();
            assertEquals(MotoServerExtension.ACCOUNT, id.account());
            assertTrue(id.arn().startsWith("arn:aws:"), id.arn());
            List<String> regions = s.enabledRegions();
            assertTrue(regions.contains("eu-west-1") && regions.contains("us-east-1"), regions.toString());
            assertEquals(Map.of("ec2:DescribeRegions", 1L, "sts:GetCallerIdentity", 1L), s.recorder().calls());
        }
    }

    @Test
    void assumesTheRoleWithTheExternalId() {
        try (IamClient iam = raw(IamClient.builder())) {
            iam.createRole(r -> r.roleName("cxscan-scan").assumeRolePolicyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole",
                      "Condition": {"StringEquals": {"sts:ExternalId": "ext-42"}}}]}"""));
        }
        SessionConfig c = config().withRole("arn:aws:iam::123456789012:role/cxscan-scan", "ext-42", "audit-1",
                Duration.ofHours(1));
        try (AwsSession s = new AwsSession(c, Region.US_EAST_1)) {
            AwsSession.Identity id = s.identity();
            assertEquals("arn:aws:sts::123456789012:assumed-role/cxscan-scan/audit-1", id.arn());
            assertEquals(1L, s.recorder().calls().get("sts:AssumeRole"));
        }
    }

    @Test
    void guardRefusesWritesBeforeTheyAreSent() {
        String group;
        try (Ec2Client ec2 = raw(Ec2Client.builder())) {
            group = ec2.createSecurityGroup(r -> r.groupName("web").description("web")).groupId();
        }
        try (AwsSession s = new AwsSession(config(), Region.US_EAST_1)) {
            Ec2Client ec2 = s.client(Ec2Client.class, Region.US_EAST_1);
            RuntimeException e = assertThrows(RuntimeException.class, () -> ec2.authorizeSecurityGroupIngress(r -> r
                    .groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22)
                            .ipRanges(x -> x.cidrIp("0.0.0.0/0")))));
            assertTrue(messages(e).contains("cxscan is read-only: refused ec2:AuthorizeSecurityGroupIngress"), messages(e));
            IamClient iam = s.client(IamClient.class, Region.US_EAST_1);
            RuntimeException e2 = assertThrows(RuntimeException.class, () -> iam.createUser(r -> r.userName("intruder")));
            assertTrue(messages(e2).contains("cxscan is read-only: refused iam:CreateUser"), messages(e2));
            assertTrue(s.recorder().calls().isEmpty(), "refused calls are not counted: " + s.recorder().calls());
        }
        try (Ec2Client ec2 = raw(Ec2Client.builder()); IamClient iam = raw(IamClient.builder())) {
            assertTrue(ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().isEmpty(),
                    "the emulator saw no ingress change");
            assertTrue(iam.listUsers().users().isEmpty(), "the emulator saw no user creation");
        }
    }

    @Test
    void guardRefusesBeforeAnythingReachesTheWire() throws Exception {
        try (AwsWireServer wire = AwsWireServer.start();
             AwsSession s = new AwsSession(config().withEndpoint(wire.endpoint()), Region.US_EAST_1)) {
            StsClient sts = s.client(StsClient.class, Region.US_EAST_1);
            assertThrows(RuntimeException.class, () -> sts.getSessionToken());
            Ec2Client ec2 = s.client(Ec2Client.class, Region.US_EAST_1);
            assertThrows(RuntimeException.class, () -> ec2.deleteVpc(r -> r.vpcId("vpc-1")));
            assertEquals(List.of(), wire.requests(), "no request was sent");
        }
    }

    @Test
    void anUnreachableRegionIsReportedOnceAndDoesNotHang() throws Exception {
        try (Ec2Client ec2 = raw(Ec2Client.builder())) {
            ec2.describeRegions(); // moto builds its EC2 backend on first use: not part of what is timed
        }
        // a loopback socket that accepts connections (the kernel's backlog) and never answers
        try (ServerSocket blackhole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI dead = URI.create("http://127.0.0.1:" + blackhole.getLocalPort());
            SessionConfig c = config().withEndpointOverrides(Map.of("eu-west-3", dead))
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), 2);
            TestProbe probe = new TestProbe("ec2", Probe.Scope.REGIONAL, List.of(), ctx -> ctx.clients()
                    .client(Ec2Client.class, ctx.region()).describeSecurityGroups());
            List<String> warnings = new ArrayList<>();
            long t0 = System.nanoTime();
            AccountScan.Outcome o;
            try (AwsSession s = new AwsSession(c, Region.US_EAST_1)) {
                o = new AccountScan(s, MotoServerExtension.ACCOUNT, Region.US_EAST_1, List.of(probe), List.of(),
                        RuleEngine.withAllRules(), 4, new ScanProgress() {
                            @Override
                            public void warn(String message) {
                                warnings.add(message);
                            }
                        }).reachability(s::unreachable).run(List.of(Region.US_EAST_1, Region.EU_WEST_3));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            assertTrue(seconds < 15, "the scan gave up on the dead region in " + seconds + " s");
            assertEquals(List.of("us-east-1"), o.regions(), warnings.toString());
            assertEquals(java.util.Set.of("us-east-1"), probe.regions, "no probe ran in the skipped region");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("eu-west-3") && warnings.get(0).contains("cannot be reached"),
                    warnings.get(0));
            assertTrue(o.inventory().errors().isEmpty(), o.inventory().errors().toString());
        }
    }

    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
