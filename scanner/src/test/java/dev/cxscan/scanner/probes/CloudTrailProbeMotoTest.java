package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import dev.cxscan.scanner.live.AccountScan;
import dev.cxscan.scanner.live.AwsSession;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ScanProgress;
import dev.cxscan.scanner.live.SessionConfig;
import dev.cxscan.scanner.probes.cloudtrail.CloudTrailProbe;
import dev.cxscan.scanner.probes.cloudtrail.CloudtrailManagementEvents;
import dev.cxscan.scanner.probes.cloudtrail.CloudtrailMultiRegionLoggingAccount;
import dev.cxscan.scanner.probes.s3.S3Probe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;

class CloudTrailProbeMotoTest extends MotoTestBase {
    static String trailPolicy(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"AclCheck\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:GetBucketAcl\",\"Resource\":\"arn:aws:s3:::" + bucket + "\"},"
                + "{\"Sid\":\"Write\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/AWSLogs/*\"},"
                + "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:DeleteBucket\",\"s3:DeleteObject*\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}";
    }

    @Test
    void multiRegionTrailIsRecordedOnceAndFollowedToItsBucket() {
        S3Client s3 = client(S3Client.class);
        s3.createBucket(b -> b.bucket("trail-logs"));
        s3.putBucketVersioning(b -> b.bucket("trail-logs").versioningConfiguration(v -> v.status("Enabled")));
        s3.putPublicAccessBlock(b -> b.bucket("trail-logs").publicAccessBlockConfiguration(p -> p.blockPublicAcls(true)
                .blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)));
        s3.putBucketPolicy(b -> b.bucket("trail-logs").policy(trailPolicy("trail-logs")));
        CloudTrailClient ct = client(CloudTrailClient.class);
        ct.createTrail(b -> b.name("main").s3BucketName("trail-logs").isMultiRegionTrail(true).enableLogFileValidation(true));
        ct.startLogging(b -> b.name("main"));
        // moto answers an empty selector list for a new trail, where AWS answers the default selector
        ct.putEventSelectors(b -> b.trailName("main").eventSelectors(e -> e.readWriteType("All").includeManagementEvents(true)));

        LiveInventory inv = read(List.of(Region.US_EAST_1, Region.EU_WEST_1), new S3Probe(), new CloudTrailProbe());

        List<Resource> trails = resources(inv, "AWS::CloudTrail::Trail");
        assertEquals(1, trails.size(), "a multi-region trail seen in two regions is recorded once: " + trails);
        Resource t = trails.get(0);
        assertTrue(t.property("IsLogging").asBoolean(), t.properties().toString());
        assertEquals("trail-logs", t.property("S3BucketName").asText());
        assertTrue(t.has("EventSelectors"), t.properties().toString());
        assertRule(Status.PASS, inv, "cloudtrail_log_file_validation", "main");
        assertRule(Status.FAIL, inv, "cloudtrail_kms_encrypted", "main");
        assertRule(Status.PASS, inv, "cloudtrail_bucket_not_public", "main");
        assertRule(Status.PASS, inv, "cloudtrail_bucket_protected", "main");
        assertRule(Status.PASS, inv, "cloudtrail_bucket_dedicated", "main");
        assertRule(Status.FAIL, inv, "cloudtrail_cloudwatch_logs", "main");
        assertTrue(findings(inv).stream().noneMatch(f -> f.check().equals("cloudtrail_multi_region_logging")
                        && f.resource().type().equals("AWS::CloudTrail::Trail")),
                "live scans take the account-level finding");
        Finding account = new CloudtrailMultiRegionLoggingAccount().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.PASS, account.status(), account.message());
        Finding mgmt = new CloudtrailManagementEvents().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.PASS, mgmt.status(), mgmt.message());
    }

    @Test
    void stoppedSingleRegionTrailFailsTheAccountCheck() {
        client(S3Client.class).createBucket(b -> b.bucket("logs"));
        client(CloudTrailClient.class).createTrail(b -> b.name("local").s3BucketName("logs"));
        LiveInventory inv = read(new S3Probe(), new CloudTrailProbe());
        Finding account = new CloudtrailMultiRegionLoggingAccount().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.FAIL, account.status(), account.message());
        assertTrue(account.message().contains("local (single-region, not logging)"), account.message());
        assertEquals(Status.FAIL, new CloudtrailManagementEvents().evaluate(inv, Facts.ACCOUNT).get(0).status());
    }

    @Test
    void noTrailAtAllFailsTheAccountCheck() {
        LiveInventory inv = read(new CloudTrailProbe());
        Finding account = new CloudtrailMultiRegionLoggingAccount().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.FAIL, account.status(), account.message());
        assertTrue(account.message().contains("no CloudTrail trail"), account.message());
    }

    /** What one scan of {@code regions} with the CloudTrail probe read, and the calls it made per IAM action. */
    private record Scan(LiveInventory inventory, Map<String, Long> calls) {
    }

    private static Scan scanTrails(List<Region> regions) throws InterruptedException {
        SessionConfig config = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                .withEndpoint(EMULATOR.endpoint());
        try (AwsSession session = new AwsSession(config, regions.get(0))) {
            AccountScan.Outcome o = new AccountScan(session, MotoServerExtension.ACCOUNT, regions.get(0),
                    List.of(new CloudTrailProbe()), List.of(), RuleEngine.withAllRules(), 4, ScanProgress.NONE).run(regions);
            return new Scan(o.inventory(), session.recorder().calls());
        }
    }

    @Test
    void aMultiRegionTrailIsReadOnceInAScanOfThreeRegions() throws Exception {
        client(S3Client.class).createBucket(b -> b.bucket("trail-logs"));
        CloudTrailClient ct = client(CloudTrailClient.class);
        ct.createTrail(b -> b.name("main").s3BucketName("trail-logs").isMultiRegionTrail(true));
        ct.startLogging(b -> b.name("main"));

        // its home region (us-east-1) scanned, not first: read there; then not scanned: read in the first by name
        for (List<Region> regions : List.of(List.of(Region.EU_WEST_1, Region.US_EAST_1, Region.AP_SOUTHEAST_2),
                List.of(Region.EU_WEST_1, Region.EU_CENTRAL_1, Region.AP_SOUTHEAST_2))) {
            Scan scan = scanTrails(regions);
            assertEquals(3L, scan.calls().get("cloudtrail:DescribeTrails"), regions + ": " + scan.calls());
            assertEquals(1L, scan.calls().get("cloudtrail:GetTrailStatus"), regions + ": " + scan.calls());
            assertEquals(1L, scan.calls().get("cloudtrail:GetEventSelectors"), regions + ": " + scan.calls());
            List<Resource> trails = resources(scan.inventory(), "AWS::CloudTrail::Trail");
            assertEquals(1, trails.size(), regions + ": " + trails);
            assertEquals("us-east-1", trails.get(0).location().region());
            assertTrue(trails.get(0).property("IsLogging").asBoolean(), trails.get(0).properties().toString());
            assertEquals(3, LiveChecks.regional(scan.inventory(), CloudTrailProbe.DESCRIBE_FACT).size(),
                    "every region's listing is kept: " + scan.inventory().facts().keySet());
        }
    }
}
