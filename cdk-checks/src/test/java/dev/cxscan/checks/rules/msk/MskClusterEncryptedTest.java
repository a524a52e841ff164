package dev.cxscan.checks.rules.msk;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class MskClusterEncryptedTest {
    private final MskClusterEncrypted rule = new MskClusterEncrypted();

    private static final String CDK = """
            {"Resources": {
              "StreamKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "KafkaClusterA1B2C3D4": {"Type": "AWS::MSK::Cluster",
                "Properties": {"ClusterName": "events", "KafkaVersion": "3.5.1", "NumberOfBrokerNodes": 2,
                  "BrokerNodeGroupInfo": {"InstanceType": "kafka.m5.large", "ClientSubnets": ["subnet-1", "subnet-2"]},
                  "EncryptionInfo": {"EncryptionAtRest": {"DataVolumeKMSKeyId": {"Fn::GetAtt": ["StreamKey1A2B3C4D", "Arn"]}},
                                     "EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": true}}},
                "Metadata": {"aws:cdk:path": "App/Kafka/Resource"}},
              "MixedCluster5E6F7A8B": {"Type": "AWS::MSK::Cluster",
                "Properties": {"ClusterName": "mixed", "KafkaVersion": "3.5.1", "NumberOfBrokerNodes": 2,
                  "EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS_PLAINTEXT"}}}}
            }}""";

    private static final String YAML = """
            Parameters:
              Mode:
                Type: String
            Resources:
              Defaults:
                Type: AWS::MSK::Cluster
                Properties:
                  ClusterName: d
                  NumberOfBrokerNodes: 2
              Plain:
                Type: AWS::MSK::Cluster
                Properties:
                  EncryptionInfo:
                    EncryptionInTransit:
                      ClientBroker: PLAINTEXT
                      InCluster: "false"
              FromParam:
                Type: AWS::MSK::Cluster
                Properties:
                  EncryptionInfo:
                    EncryptionInTransit:
                      ClientBroker: !Ref Mode
            """;

    @Test
    void cdkTlsClusterPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "KafkaClusterA1B2C3D4");
        assertTrue(f.message().contains("given KMS key"), f.message());
    }

    @Test
    void tlsPlaintextFails() {
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "MixedCluster5E6F7A8B").message().contains("TLS_PLAINTEXT"));
    }

    @Test
    void yamlDefaultsPlaintextAndParameter() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Defaults").message().contains("MSK defaults"));
        Finding plain = assertStatus(Status.FAIL, rule, YAML, "Plain");
        assertTrue(plain.message().contains("PLAINTEXT") && plain.message().contains("InCluster is false"), plain.message());
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
