package dev.cxscan.checks.rules.neptune;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class NeptuneClusterEncryptedTest {
    private final NeptuneClusterEncrypted rule = new NeptuneClusterEncrypted();

    private static final String CDK = """
            {"Resources": {
              "GraphClusterA1B2C3D4": {"Type": "AWS::Neptune::DBCluster",
                "Properties": {"StorageEncrypted": true, "KmsKeyId": {"Fn::GetAtt": ["GraphKey1A2B3C4D", "Arn"]}},
                "Metadata": {"aws:cdk:path": "App/Graph/Cluster/Resource"}},
              "GraphKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}}
            }}""";

    private static final String YAML = """
            Resources:
              Plain:
                Type: AWS::Neptune::DBCluster
                Properties:
                  DBClusterIdentifier: graph
              Explicit:
                Type: AWS::Neptune::DBCluster
                Properties:
                  StorageEncrypted: true
            """;

    @Test
    void cdkEncryptedPasses() {
        assertStatus(Status.PASS, rule, CDK, "GraphClusterA1B2C3D4");
    }

    @Test
    void yamlAbsentFailsExplicitPasses() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Plain").message().contains("not set"));
        assertStatus(Status.PASS, rule, YAML, "Explicit");
    }
}
