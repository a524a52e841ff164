package dev.cxscan.checks.rules.s3;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class S3BucketVersioningTest {
    private final S3BucketVersioning rule = new S3BucketVersioning();

    /** new Bucket(this, "Docs", {versioned: true}) and a plain new Bucket(this, "Scratch"). */
    private static final String CDK = """
            {"Resources": {
              "DocsBucket9D3E1F0A": {"Type": "AWS::S3::Bucket",
                "Properties": {"VersioningConfiguration": {"Status": "Enabled"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Docs/Resource"}},
              "ScratchBucket4D1C2B7E": {"Type": "AWS::S3::Bucket",
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Scratch/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              VersioningStatus:
                Type: String
            Resources:
              Suspended:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: Suspended
              LowerCase:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: enabled
              FromParam:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: !Ref VersioningStatus
              Versioned:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${AWS::StackName}-docs"
                  VersioningConfiguration:
                    Status: Enabled
            """;

    @Test
    void cdkVersionedBucketPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "DocsBucket9D3E1F0A");
        assertTrue(f.message().contains("Enabled"), f.message());
        assertTrue(f.resource().cdkPath().equals("App/Docs/Resource"));
    }

    @Test
    void cdkDefaultBucketIsNotVersioned() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ScratchBucket4D1C2B7E");
        assertTrue(f.message().contains("not versioned"), f.message());
    }

    @Test
    void yamlSuspendedAndMisspelledStatusFail() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Suspended").message().contains("Suspended"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "LowerCase").message().contains("'enabled'"));
        assertStatus(Status.PASS, rule, YAML, "Versioned");
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().contains("Ref VersioningStatus"), f.message());
    }
}
