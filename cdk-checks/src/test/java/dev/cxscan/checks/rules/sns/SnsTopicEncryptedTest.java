package dev.cxscan.checks.rules.sns;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class SnsTopicEncryptedTest {
    private final SnsTopicEncrypted rule = new SnsTopicEncrypted();

    private static final String CDK = """
            {"Resources": {
              "AlertsKey5D6E7F80": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "AlertsTopicB1C2D3E4": {"Type": "AWS::SNS::Topic", "Properties": {
                "KmsMasterKeyId": {"Fn::GetAtt": ["AlertsKey5D6E7F80", "Arn"]}},
                "Metadata": {"aws:cdk:path": "App/AlertsTopic/Resource"}},
              "NewsTopic9A8B7C6D": {"Type": "AWS::SNS::Topic",
                "Metadata": {"aws:cdk:path": "App/NewsTopic/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Key:
                Type: String
              KeyWithDefault:
                Type: String
                Default: alias/aws/sns
            Resources:
              Managed:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: !Ref KeyWithDefault
              Empty:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: ''
              FromParameter:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: !Ref Key
              ImportedKey:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: !ImportValue shared-key-arn
            """;

    @Test
    void cdkTopics() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "AlertsTopicB1C2D3E4").message().contains("AlertsKey5D6E7F80"));
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "NewsTopic9A8B7C6D").message().contains("KmsMasterKeyId is not set"));
    }

    @Test
    void yamlTopics() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Managed").message().contains("AWS managed key alias/aws/sns"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Empty").message().contains("(empty)"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Key"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ImportedKey").message().contains("Fn::ImportValue"));
    }
}
