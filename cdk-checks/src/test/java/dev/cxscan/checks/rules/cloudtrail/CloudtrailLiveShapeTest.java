package dev.cxscan.checks.rules.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same rules on live resources in CloudFormation shape, as probes build them: the trail's
 * S3BucketName is the bucket's name (also its id), the bucket policy arrives as the JSON string
 * GetBucketPolicy returns, and there is no DeletionPolicy.
 */
class CloudtrailLiveShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-west-1";

    private static final String TRAIL_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Sid\":\"AWSCloudTrailAclCheck\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
            + "\"Action\":\"s3:GetBucketAcl\",\"Resource\":\"arn:aws:s3:::acme-trail-logs\"},"
            + "{\"Sid\":\"AWSCloudTrailWrite\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},"
            + "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::acme-trail-logs/AWSLogs/111122223333/*\"},"
            + "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":[\"s3:DeleteBucket\",\"s3:DeleteObject*\"],\"Resource\":[\"arn:aws:s3:::acme-trail-logs\",\"arn:aws:s3:::acme-trail-logs/*\"]}]}";

    private static Resource live(String type, String id, String arn, String properties) {
        try {
            return Resource.live(type, id, arn, REGION, (ObjectNode) JSON.readTree(properties));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Resource> account() {
        List<Resource> r = new ArrayList<>();
        r.add(live("AWS::CloudTrail::Trail", "org-trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail",
                "{\"S3BucketName\": \"acme-trail-logs\", \"IsMultiRegionTrail\": true, \"IsLogging\": true,"
                        + " \"EnableLogFileValidation\": true, \"KMSKeyId\": \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd\"}"));
        r.add(live("AWS::S3::Bucket", "acme-trail-logs", "arn:aws:s3:::acme-trail-logs",
                "{\"BucketName\": \"acme-trail-logs\", \"VersioningConfiguration\": {\"Status\": \"Enabled\"},"
                        + " \"PublicAccessBlockConfiguration\": {\"BlockPublicAcls\": true, \"BlockPublicPolicy\": true,"
                        + " \"IgnorePublicAcls\": true, \"RestrictPublicBuckets\": true}}"));
        r.add(live("AWS::S3::BucketPolicy", "acme-trail-logs", null,
                JSON.createObjectNode().put("Bucket", "acme-trail-logs").put("PolicyDocument", TRAIL_POLICY).toString()));
        r.add(live("AWS::CloudTrail::Trail", "other-account-trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/x",
                "{\"S3BucketName\": \"central-logs-in-security-account\", \"IsMultiRegionTrail\": true, \"IsLogging\": false}"));
        return r;
    }

    private static Finding run(Rule rule, List<Resource> resources, String id) {
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet("111122223333/" + REGION, true, resources), new Diagnostics());
        List<Finding> mine = findings.stream().filter(f -> f.resource().id().equals(id)).toList();
        assertEquals(1, mine.size(), () -> "findings for " + id + ": " + findings);
        return mine.get(0);
    }

    @Test
    void liveTrailIsFollowedToItsBucketByName() {
        Finding dedicated = run(new CloudtrailBucketDedicated(), account(), "org-trail");
        assertEquals(Status.PASS, dedicated.status(), dedicated.message());
        Finding prot = run(new CloudtrailBucketProtected(), account(), "org-trail");
        assertEquals(Status.PASS, prot.status(), prot.message());
        assertTrue(prot.message().contains("statement NoDeletes"), prot.message());
        assertEquals(Status.PASS, run(new CloudtrailBucketNotPublic(), account(), "org-trail").status());
        assertEquals(Status.PASS, run(new CloudtrailKmsEncrypted(), account(), "org-trail").status());
        assertEquals(Status.PASS, run(new CloudtrailMultiRegionLogging(), account(), "org-trail").status());
    }

    @Test
    void bucketPolicySharingTheBucketsIdDoesNotHideTheBucket() {
        List<Resource> resources = account();
        Resource policy = resources.remove(2);
        resources.add(0, policy);
        Finding f = run(new CloudtrailBucketDedicated(), resources, "org-trail");
        assertEquals(Status.PASS, f.status(), f.message());
    }

    @Test
    void liveProtectionDoesNotAskForADeletionPolicy() {
        List<Resource> resources = account();
        resources.removeIf(r -> r.type().equals("AWS::S3::BucketPolicy"));
        Finding f = run(new CloudtrailBucketProtected(), resources, "org-trail");
        assertEquals(Status.FAIL, f.status());
        assertTrue(!f.message().contains("DeletionPolicy"), f.message());
    }

    @Test
    void liveLoadBalancerWritingToTheTrailBucketIsFound() {
        List<Resource> resources = account();
        resources.add(live("AWS::ElasticLoadBalancingV2::LoadBalancer", "web-alb",
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/50dc6c495c0c9188",
                "{\"LoadBalancerAttributes\": [{\"Key\": \"access_logs.s3.enabled\", \"Value\": \"true\"},"
                        + " {\"Key\": \"access_logs.s3.bucket\", \"Value\": \"acme-trail-logs\"}]}"));
        Finding f = run(new CloudtrailBucketDedicated(), resources, "org-trail");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("web-alb") && f.message().contains("access_logs.s3.bucket"), f.message());
    }

    @Test
    void liveBucketOutsideTheScanIsNeverAPass() {
        Finding f = run(new CloudtrailBucketNotPublic(), account(), "other-account-trail");
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().startsWith("cannot verify") && f.message().contains("central-logs-in-security-account"), f.message());
        Finding logging = run(new CloudtrailMultiRegionLogging(), account(), "other-account-trail");
        assertTrue(logging.message().contains("IsLogging is false"), logging.message());
    }

    @Test
    void everyFindingIsReportedOnTheTrail() {
        List<Rule> rules = List.of(new CloudtrailMultiRegionLogging(), new CloudtrailLogFileValidation(), new CloudtrailKmsEncrypted(),
                new CloudtrailBucketDedicated(), new CloudtrailBucketProtected(), new CloudtrailBucketNotPublic(),
                new CloudtrailCloudwatchLogs());
        List<Finding> findings = new RuleEngine(rules)
                .evaluate(new ResourceSet("111122223333/" + REGION, true, account()), new Diagnostics());
        assertEquals(2 * rules.size(), findings.size(), findings::toString);
        for (Finding f : findings) {
            assertEquals("AWS::CloudTrail::Trail", f.resource().type(), f.check() + " reported on " + f.resource().id());
        }
    }
}
