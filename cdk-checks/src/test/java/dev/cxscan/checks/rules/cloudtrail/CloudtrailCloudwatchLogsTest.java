package dev.cxscan.checks.rules.cloudtrail;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudtrailCloudwatchLogsTest {
    private final CloudtrailCloudwatchLogs rule = new CloudtrailCloudwatchLogs();

    private static final String YAML = """
            Parameters:
              RoleArn:
                Type: String
            Conditions:
              WithLogs: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              TrailLogs:
                Type: AWS::Logs::LogGroup
              TrailLogsRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudtrail.amazonaws.com}
                        Action: sts:AssumeRole
              Both:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
                  CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn
              GroupOnly:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
              Neither:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
              RoleFromParam:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn
                  CloudWatchLogsRoleArn: !Ref RoleArn
              Literals:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail:*
                  CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs
              Conditional:
                Type: AWS::CloudTrail::Trail
                Properties:
                  S3BucketName: logs
                  IsLogging: true
                  CloudWatchLogsLogGroupArn: !If [WithLogs, !GetAtt TrailLogs.Arn, !Ref "AWS::NoValue"]
                  CloudWatchLogsRoleArn: !If [WithLogs, !GetAtt TrailLogsRole.Arn, !Ref "AWS::NoValue"]
            """;

    @Test
    void cdkSendToCloudWatchLogsPasses() {
        Finding f = assertStatus(Status.PASS, rule, TrailFixtures.CDK, TrailFixtures.CDK_GOOD);
        assertTrue(f.message().contains("AuditTrailLogGroup2D8E3F4A"), f.message());
    }

    @Test
    void cdkDefaultTrailFails() {
        Finding f = assertStatus(Status.FAIL, rule, TrailFixtures.CDK, TrailFixtures.CDK_DEFAULTS);
        assertTrue(f.message().contains("does not deliver to CloudWatch Logs"), f.message());
    }

    @Test
    void yamlBothSetPasses() {
        assertStatus(Status.PASS, rule, YAML, "Both");
        assertStatus(Status.PASS, rule, YAML, "Literals");
    }

    @Test
    void logGroupWithoutRoleFailsNamingTheRole() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "GroupOnly");
        assertTrue(f.message().contains("CloudWatchLogsRoleArn is not set"), f.message());
        assertFalse(f.message().contains("CloudWatchLogsLogGroupArn is"), f.message());
    }

    @Test
    void neitherFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Neither");
        assertTrue(f.message().contains("CloudWatchLogsLogGroupArn is not set"), f.message());
        assertTrue(f.message().contains("CloudWatchLogsRoleArn is not set"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "RoleFromParam");
        assertTrue(f.message().contains("Ref RoleArn"), f.message());
    }

    @Test
    void conditionalDeliveryFailsOnTheBranchWithout() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("condition WithLogs is false"), f.message());
    }
}
