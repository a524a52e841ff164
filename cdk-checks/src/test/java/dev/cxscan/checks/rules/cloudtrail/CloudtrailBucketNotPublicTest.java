package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleTester;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailBucketNotPublicTest {
    private final CloudtrailBucketNotPublic rule = new CloudtrailBucketNotPublic();

    /** CDK: new Bucket(this, "Logs", {blockPublicAccess: BlockPublicAccess.BLOCK_ACLS}) used by a trail. */
    private static final String CDK_ACLS_ONLY = """
            {"Resources": {
              "LogsB6AEDE3C": {"Type": "AWS::S3::Bucket",
                "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Logs/Resource"}},
              "TrailC8D2B1A0": {"Type": "AWS::CloudTrail::Trail",
                "Properties": {"IsLogging": true, "S3BucketName": {"Ref": "LogsB6AEDE3C"}, "IsMultiRegionTrail": true},
                "Metadata": {"aws:cdk:path": "App/Trail/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              BlockParam:
                Type: String
            Conditions:
              Locked: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              BlockedLogs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: blocked-trail-logs
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: "true"
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
              Blocked:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: blocked-trail-logs, IsLogging: true}
              OpenLogs:
                Type: AWS::S3::Bucket
              Open:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref OpenLogs, IsLogging: true}
              PartialLogs:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: false
                    IgnorePublicAcls: true
              Partial:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref PartialLogs, IsLogging: true}
              ParamLogs:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: !Ref BlockParam
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
              FromParam:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref ParamLogs, IsLogging: true}
              ConditionalLogs:
                Type: AWS::S3::Bucket
                Properties:
                  PublicAccessBlockConfiguration: !If
                    - Locked
                    - {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true}
                    - !Ref "AWS::NoValue"
              Conditional:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref ConditionalLogs, IsLogging: true}
              Missing:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref NotHere, IsLogging: true}
            """;

    @Test
    void cdkBlockAllPasses() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("AuditBucket9A0B5A6C"), f.message());
    }

    @Test
    void cdkBlockAclsOnlyFailsListingTheOthers() {
        Finding f = assertStatus(Status.FAIL, rule, CDK_ACLS_ONLY, "TrailC8D2B1A0");
        assertTrue(f.message().contains("BlockPublicPolicy (not set)"), f.message());
        assertTrue(f.message().contains("RestrictPublicBuckets (not set)"), f.message());
        assertFalse(f.message().contains("IgnorePublicAcls"), f.message());
    }

    @Test
    void literalBucketNameIsFollowedToTheDeclaredBucket() {
        assertStatus(Status.PASS, rule, YAML, "Blocked");
    }

    @Test
    void bucketWithoutPublicAccessBlockFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Open");
        assertTrue(f.message().contains("no PublicAccessBlockConfiguration"), f.message());
    }

    @Test
    void partialBlockListsWhatIsNotTrue() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Partial");
        assertTrue(f.message().contains("BlockPublicPolicy (false)"), f.message());
        assertTrue(f.message().contains("RestrictPublicBuckets (not set)"), f.message());
        assertFalse(f.message().contains("BlockPublicAcls"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().contains("Ref BlockParam"), f.message());
    }

    @Test
    void fnIfWithoutBlockOnOneBranchFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("condition Locked is false"), f.message());
    }

    @Test
    void missingBucketIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Missing");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("Ref NotHere"), f.message());
    }

    // The CloudTrail bucket rules have no upstream counterpart (conformance/README.md: protection of the
    // CloudTrail bucket has no CloudFormation test); these are cxscan's own verdicts on upstream trail templates.
    private static final String CHECKOV_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.yaml";
    private static final String VENDOR_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.json";
    private static final String GUARD_TRAIL = "templates/guard/cloud_trail_encryption_enabled/case02-pass.yaml";

    @Test
    void upstreamTrailTemplates() {
        // checkov: a bare bucket without a public access block
        assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(CHECKOV_TRAIL), "myTrail");
        // a vendor template with conditional resources: fails on every branch, so no branch is named
        Finding f = assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(VENDOR_TRAIL), "acmeCWSTrail");
        assertFalse(f.message().contains("bucket acmeCWSBucket when"), "fails on every branch: " + f.message());
        // guard: the bucket is a Ref to an undeclared parameter, never a pass
        Finding g = assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(GUARD_TRAIL), "ExampleTrail");
        assertTrue(g.message().startsWith("cannot verify"), g.message());
    }
}
