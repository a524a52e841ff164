package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailKmsEncryptedTest {
    private final CloudtrailKmsEncrypted rule = new CloudtrailKmsEncrypted();

    private static final String YAML = """
            Parameters:
              KeyArn:
                Type: String
              KeyIdNoDefault:
                Type: String
            Conditions:
              Encrypt: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              TrailKey:
                Type: AWS::KMS::Key
              TrailKeyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/trail
                  TargetKeyId: !Ref TrailKey
              ByAlias:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: alias/trail
              ByRefToAlias:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: !Ref TrailKeyAlias
              BySubArn:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: !Sub "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${KeyIdNoDefault}"
              ByParam:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: !Ref KeyArn
              Empty:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: ""
              Plain:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
              Conditional:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  KMSKeyId: !If [Encrypt, !GetAtt TrailKey.Arn, !Ref "AWS::NoValue"]
            """;

    @Test
    void cdkTrailWithEncryptionKeyPasses() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("AuditKey4F7E1C0D"), f.message());
        assertTrue(f.message().contains("AWS::KMS::Key"), f.message());
    }

    @Test
    void cdkTrailWithoutKeyFails() {
        Finding f = assertStatus(Status.FAIL, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
        assertTrue(f.message().contains("KMSKeyId is not set"), f.message());
    }

    @Test
    void aliasLiteralAndRefsCountAsSet() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ByAlias").message().contains("alias/trail"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ByRefToAlias").message().contains("AWS::KMS::Alias"));
        assertStatus(Status.PASS, rule, YAML, "BySubArn");
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "ByParam");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("Ref KeyArn"), f.message());
    }

    @Test
    void emptyOrAbsentKeyFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Empty").message().contains("empty"));
        assertStatus(Status.FAIL, rule, YAML, "Plain");
    }

    @Test
    void noValueBranchFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("condition Encrypt is false"), f.message());
    }
}
