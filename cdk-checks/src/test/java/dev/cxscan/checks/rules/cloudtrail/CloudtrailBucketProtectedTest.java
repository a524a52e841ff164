package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleTester;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailBucketProtectedTest {
    private final CloudtrailBucketProtected rule = new CloudtrailBucketProtected();

    private static final String YAML = """
            Parameters:
              VersioningParam:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref "AWS::AccountId", "111111111111"]
            Resources:
              RetainedLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                Properties:
                  VersioningConfiguration: {Status: Enabled}
              Retained:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref RetainedLogs, IsLogging: true}

              RetainExceptOnCreateLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: RetainExceptOnCreate
                Properties:
                  VersioningConfiguration: {Status: Enabled}
              RetainExceptOnCreate:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref RetainExceptOnCreateLogs, IsLogging: true}

              DeletableLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Delete
                Properties:
                  VersioningConfiguration: {Status: Enabled}
              Deletable:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref DeletableLogs, IsLogging: true}

              BareLogs:
                Type: AWS::S3::Bucket
              Bare:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref BareLogs, IsLogging: true}

              SuspendedLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                Properties:
                  VersioningConfiguration: {Status: Suspended}
              Suspended:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref SuspendedLogs, IsLogging: true}

              LockedLogs:
                Type: AWS::S3::Bucket
                Properties:
                  ObjectLockEnabled: true
                  ObjectLockConfiguration:
                    ObjectLockEnabled: Enabled
                    Rule:
                      DefaultRetention: {Mode: COMPLIANCE, Days: 365}
              Locked:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref LockedLogs, IsLogging: true}

              LockWithoutRetentionLogs:
                Type: AWS::S3::Bucket
                Properties:
                  ObjectLockEnabled: "true"
              LockWithoutRetention:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref LockWithoutRetentionLogs, IsLogging: true}

              DenyLogs:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration: {Status: Enabled}
              DenyLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref DenyLogs
                  PolicyDocument:
                    Statement:
                      - Sid: NoDeletes
                        Effect: Deny
                        Principal: "*"
                        Action: [s3:DeleteBucket, "s3:DeleteObject*"]
                        Resource: [!GetAtt DenyLogs.Arn, !Sub "${DenyLogs.Arn}/*"]
                        Condition:
                          ArnNotLike:
                            aws:PrincipalArn: arn:aws:iam::111122223333:role/break-glass
              DenyPolicyTrail:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref DenyLogs, IsLogging: true}

              SslOnlyLogs:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration: {Status: Enabled}
              SslOnlyLogsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref SslOnlyLogs
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal: {AWS: "*"}
                        Action: s3:*
                        Resource: !Sub "${SslOnlyLogs.Arn}/*"
                        Condition: {Bool: {aws:SecureTransport: "false"}}
              SslOnly:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref SslOnlyLogs, IsLogging: true}

              ParamLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                Properties:
                  VersioningConfiguration: {Status: !Ref VersioningParam}
              FromParam:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref ParamLogs, IsLogging: true}

              ConditionalLogs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                Properties:
                  VersioningConfiguration:
                    Status: !If [IsProd, Enabled, Suspended]
              Conditional:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !Ref ConditionalLogs, IsLogging: true}

              Elsewhere:
                Type: AWS::CloudTrail::Trail
                Properties: {S3BucketName: !ImportValue central-trail-bucket, IsLogging: true}
            """;

    @Test
    void cdkVersionedRetainedBucketPasses() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("DeletionPolicy Retain"), f.message());
    }

    @Test
    void cdkTrailConstructBucketIsNotVersioned() {
        Finding f = assertStatus(Status.FAIL, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
        assertTrue(f.message().contains("versioning"), f.message());
        assertFalse(f.message().contains("protection from deletion"), f.message());
        assertFalse(f.message().contains("SecureTransport"), f.message());
    }

    @Test
    void yamlVersionedAndRetainedPasses() {
        assertStatus(Status.PASS, rule, YAML, "Retained");
        assertStatus(Status.PASS, rule, YAML, "RetainExceptOnCreate");
    }

    @Test
    void versionedButDeletableFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Deletable");
        assertTrue(f.message().contains("protection from deletion"), f.message());
        assertFalse(f.message().contains("lacks versioning"), f.message());
    }

    @Test
    void bareBucketListsBothMissingParts() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Bare");
        assertTrue(f.message().contains("versioning (no VersioningConfiguration)"), f.message());
        assertTrue(f.message().contains("protection from deletion"), f.message());
    }

    @Test
    void suspendedVersioningFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Suspended").message().contains("Suspended"));
    }

    @Test
    void objectLockWithDefaultRetentionProtectsAndImpliesVersioning() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "Locked");
        assertTrue(f.message().contains("Object Lock"), f.message());
        assertTrue(f.message().contains("COMPLIANCE 365 days"), f.message());
    }

    @Test
    void objectLockWithoutRetentionDoesNotCount() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "LockWithoutRetention");
        assertTrue(f.message().contains("without a default retention"), f.message());
    }

    @Test
    void policyDenyingDeletionToEveryoneButBreakGlassProtects() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "DenyPolicyTrail");
        assertTrue(f.message().contains("statement NoDeletes"), f.message());
    }

    @Test
    void secureTransportDenyIsNotDeletionProtection() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SslOnly");
        assertTrue(f.message().contains("aws:securetransport"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("Ref VersioningParam"), f.message());
    }

    @Test
    void fnIfInTheBucketFailsNamingTheBucketBranch() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("bucket ConditionalLogs when condition IsProd is false"), f.message());
    }

    @Test
    void importedBucketIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Elsewhere");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("Fn::ImportValue"), f.message());
    }

    // The CloudTrail bucket rules have no upstream counterpart (conformance/README.md: protection of the
    // CloudTrail bucket has no CloudFormation test); these are cxscan's own verdicts on upstream trail templates.
    private static final String CHECKOV_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.yaml";
    private static final String VENDOR_TRAIL = "templates/checkov/CloudtrailEncryption/CloudTrailEncryption-PASSED.json";
    private static final String GUARD_TRAIL = "templates/guard/cloud_trail_encryption_enabled/case02-pass.yaml";

    @Test
    void upstreamTrailTemplates() {
        // checkov: a bare bucket with DeletionPolicy Retain only
        Finding f = assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(CHECKOV_TRAIL), "myTrail");
        assertTrue(f.message().contains("lacks versioning"), f.message());
        // a vendor template: a versioned, retained bucket
        assertStatus(Status.PASS, rule, RuleTester.conformanceTemplate(VENDOR_TRAIL), "acmeCWSTrail");
        // guard: the bucket is a Ref to an undeclared parameter, never a pass
        Finding g = assertStatus(Status.FAIL, rule, RuleTester.conformanceTemplate(GUARD_TRAIL), "ExampleTrail");
        assertTrue(g.message().startsWith("cannot verify"), g.message());
    }
}
