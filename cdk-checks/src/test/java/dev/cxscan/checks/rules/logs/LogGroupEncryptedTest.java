package dev.cxscan.checks.rules.logs;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class LogGroupEncryptedTest {
    private final LogGroupEncrypted rule = new LogGroupEncrypted();

    private static final String CDK = """
            {"Resources": {
              "LogKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "PromptLogsA1B2C3D4": {"Type": "AWS::Logs::LogGroup",
                "Properties": {"RetentionInDays": 30, "KmsKeyId": {"Fn::GetAtt": ["LogKey1A2B3C4D", "Arn"]}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/PromptLogs/Resource"}},
              "AppLogs5E6F7A8B": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 731},
                "Metadata": {"aws:cdk:path": "App/AppLogs/Resource"}}
            }}""";

    private static final String YAML = """
            Resources:
              Literal:
                Type: AWS::Logs::LogGroup
                Properties:
                  KmsKeyId: arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
              WrongReference:
                Type: AWS::Logs::LogGroup
                Properties:
                  KmsKeyId: !GetAtt SomeBucket.Arn
              SomeBucket:
                Type: AWS::S3::Bucket
            """;

    @Test
    void cdkGroups() {
        assertStatus(Status.PASS, rule, CDK, "PromptLogsA1B2C3D4");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "AppLogs5E6F7A8B").message().contains("not set"));
    }

    @Test
    void yamlLiteralKeyPassesReferenceToNonKeyIsUnresolved() {
        assertStatus(Status.PASS, rule, YAML, "Literal");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "WrongReference").message().contains("AWS::S3::Bucket"));
    }
}
