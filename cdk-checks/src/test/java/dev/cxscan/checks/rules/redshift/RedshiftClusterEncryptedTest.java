package dev.cxscan.checks.rules.redshift;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RedshiftClusterEncryptedTest {
    private final RedshiftClusterEncrypted rule = new RedshiftClusterEncrypted();

    private static final String CDK = """
            {"Resources": {
              "WarehouseKey5C3D1E2F": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "WarehouseClusterA1B2C3D4": {"Type": "AWS::Redshift::Cluster",
                "Properties": {"ClusterType": "multi-node", "NodeType": "ra3.xlplus", "NumberOfNodes": 2, "DBName": "dw",
                  "MasterUsername": "admin", "MasterUserPassword": "{{resolve:secretsmanager:x}}",
                  "Encrypted": true, "KmsKeyId": {"Fn::GetAtt": ["WarehouseKey5C3D1E2F", "Arn"]}},
                "Metadata": {"aws:cdk:path": "App/Warehouse/Cluster/Resource"}},
              "LegacyCluster9F8E7D6C": {"Type": "AWS::Redshift::Cluster",
                "Properties": {"ClusterType": "single-node", "NodeType": "dc2.large", "DBName": "dw",
                  "MasterUsername": "admin", "MasterUserPassword": "x"},
                "Metadata": {"aws:cdk:path": "App/Legacy/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              EncryptIt:
                Type: String
            Resources:
              Off:
                Type: AWS::Redshift::Cluster
                Properties:
                  NodeType: dc2.large
                  Encrypted: false
              AsString:
                Type: AWS::Redshift::Cluster
                Properties:
                  NodeType: dc2.large
                  Encrypted: "true"
              FromParam:
                Type: AWS::Redshift::Cluster
                Properties:
                  NodeType: dc2.large
                  Encrypted: !Ref EncryptIt
            """;

    @Test
    void cdkEncryptedClusterPasses() {
        assertStatus(Status.PASS, rule, CDK, "WarehouseClusterA1B2C3D4");
    }

    @Test
    void clusterWithoutEncryptedFails() {
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "LegacyCluster9F8E7D6C").message().contains("not set"));
    }

    @Test
    void yamlValues() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Off").message().contains("false"));
        assertStatus(Status.PASS, rule, YAML, "AsString");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
