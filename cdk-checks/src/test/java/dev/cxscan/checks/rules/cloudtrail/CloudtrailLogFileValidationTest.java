package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailLogFileValidationTest {
    private final CloudtrailLogFileValidation rule = new CloudtrailLogFileValidation();

    private static final String YAML = """
            Parameters:
              Validate:
                Type: String
            Conditions:
              Strict: !Equals [!Ref "AWS::Region", eu-west-1]
            Resources:
              Validated:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs-bucket
                  IsLogging: true
                  EnableLogFileValidation: "true"
              Unset:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs-bucket
                  IsLogging: true
              FromParam:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs-bucket
                  IsLogging: true
                  EnableLogFileValidation: !Ref Validate
              Conditional:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs-bucket
                  IsLogging: true
                  EnableLogFileValidation: !If [Strict, true, !Ref "AWS::NoValue"]
            """;

    @Test
    void cdkTrailWithValidationPasses() {
        assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
    }

    @Test
    void cdkTrailWithValidationOffFails() {
        Finding f = assertStatus(Status.FAIL, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
        assertTrue(f.message().contains("EnableLogFileValidation is false"), f.message());
    }

    @Test
    void yamlStringTruePasses() {
        assertStatus(Status.PASS, rule, YAML, "Validated");
    }

    @Test
    void absentMeansFalse() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Unset");
        assertTrue(f.message().contains("not set"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().contains("Ref Validate"), f.message());
    }

    @Test
    void noValueBranchFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("condition Strict is false"), f.message());
    }
}
