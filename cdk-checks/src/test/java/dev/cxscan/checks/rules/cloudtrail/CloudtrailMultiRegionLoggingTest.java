package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailMultiRegionLoggingTest {
    private final CloudtrailMultiRegionLogging rule = new CloudtrailMultiRegionLogging();

    private static final String YAML = """
            Parameters:
              LoggingParam:
                Type: String
              MultiDefault:
                Type: String
                Default: "true"
            Conditions:
              IsProd: !Equals [!Ref "AWS::AccountId", "111111111111"]
            Resources:
              StringsTrail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: "true"
                  IsLogging: "True"
              NoIsLogging:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: true
              Stopped:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: true
                  IsLogging: false
              Bare:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
              FromParam:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: true
                  IsLogging: !Ref LoggingParam
              FromDefault:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: !Ref MultiDefault
                  IsLogging: true
              OnlyInProd:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: !Ref LogBucket
                  IsMultiRegionTrail: !If [IsProd, true, false]
                  IsLogging: true
              LogBucket:
                Type: AWS::S3::Bucket
            """;

    @Test
    void cdkMultiRegionTrailPasses() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("multi-region"), f.message());
        assertEquals("AuditStack/AuditTrail/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkSingleRegionTrailFails() {
        Finding f = assertStatus(Status.FAIL, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
        assertTrue(f.message().contains("IsMultiRegionTrail is false"), f.message());
        assertTrue(!f.message().contains("IsLogging"), f.message());
    }

    @Test
    void stringBooleansAreRead() {
        assertStatus(Status.PASS, rule, YAML, "StringsTrail");
    }

    @Test
    void missingIsLoggingFailsAsRequiredProperty() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "NoIsLogging");
        assertTrue(f.message().contains("IsLogging is not set"), f.message());
        assertTrue(f.message().contains("required"), f.message());
    }

    @Test
    void stoppedTrailFails() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Stopped").message().contains("stopped"));
    }

    @Test
    void bareTrailNamesBothProblems() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Bare");
        assertTrue(f.message().contains("IsMultiRegionTrail is not set"), f.message());
        assertTrue(f.message().contains("IsLogging is not set"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().startsWith("cannot verify"), f.message());
        assertTrue(f.message().contains("Ref LoggingParam"), f.message());
    }

    @Test
    void parameterDefaultIsUsed() {
        assertStatus(Status.PASS, rule, YAML, "FromDefault");
    }

    @Test
    void fnIfBranchThatIsSingleRegionFailsAndNamesTheCondition() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "OnlyInProd");
        assertTrue(f.message().contains("condition IsProd is false"), f.message());
    }
}
