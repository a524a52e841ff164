package dev.cxscan.checks.rules.kinesis;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class KinesisStreamEncryptedTest {
    private final KinesisStreamEncrypted rule = new KinesisStreamEncrypted();

    /** new Stream(this, 'Events') in aws-cdk-lib: the managed key behind a region condition. */
    private static final String CDK = """
            {"Conditions": {"AwsCdkKinesisEncryptedStreamsUnsupportedRegions": {"Fn::Or": [
                {"Fn::Equals": [{"Ref": "AWS::Region"}, "cn-north-1"]}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "cn-northwest-1"]}]}},
             "Resources": {
              "Events5C3D1E2F": {"Type": "AWS::Kinesis::Stream",
                "Properties": {"RetentionPeriodHours": 24, "ShardCount": 1,
                  "StreamEncryption": {"Fn::If": ["AwsCdkKinesisEncryptedStreamsUnsupportedRegions",
                    {"Ref": "AWS::NoValue"}, {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}]}},
                "Metadata": {"aws:cdk:path": "App/Events/Resource"}},
              "AuditKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "Audit9F8E7D6C": {"Type": "AWS::Kinesis::Stream",
                "Properties": {"ShardCount": 1, "StreamEncryption": {"EncryptionType": "KMS",
                  "KeyId": {"Fn::GetAtt": ["AuditKey1A2B3C4D", "Arn"]}}},
                "Metadata": {"aws:cdk:path": "App/Audit/Resource"}},
              "Unencrypted1234ABCD": {"Type": "AWS::Kinesis::Stream",
                "Properties": {"ShardCount": 1, "StreamEncryption": {"Fn::If": ["IsProd",
                  {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}, {"Ref": "AWS::NoValue"}]}}}
            }}""";

    private static final String YAML = """
            Parameters:
              KeyParam:
                Type: String
            Resources:
              Plain:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
              NoneType:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
                  StreamEncryption:
                    EncryptionType: NONE
                    KeyId: alias/aws/kinesis
              NoKey:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
                  StreamEncryption:
                    EncryptionType: KMS
              KeyFromParam:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
                  StreamEncryption:
                    EncryptionType: KMS
                    KeyId: !Ref KeyParam
            """;

    @Test
    void cdkDefaultStreamPassesWithTheManagedKey() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "Events5C3D1E2F");
        assertTrue(f.message().contains("AWS managed key alias/aws/kinesis"), f.message());
    }

    @Test
    void cdkStreamWithCustomerKeyPasses() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "Audit9F8E7D6C").message().contains("customer managed key"));
    }

    @Test
    void aUserConditionThatDropsEncryptionStillFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "Unencrypted1234ABCD");
        assertTrue(f.message().contains("IsProd is false"), f.message());
    }

    @Test
    void yamlStreams() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Plain").message().contains("not set"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "NoneType").message().contains("NONE"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "NoKey").message().contains("KeyId is not set"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "KeyFromParam").message().contains("cannot verify"));
    }
}
