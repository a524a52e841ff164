package dev.cxscan.checks.rules.redshift;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RedshiftRequireSslTest {
    private final RedshiftRequireSsl rule = new RedshiftRequireSsl();

    private static final String CDK = """
            {"Resources": {
              "WarehouseParameterGroup1A2B3C4D": {"Type": "AWS::Redshift::ClusterParameterGroup",
                "Properties": {"Description": "dw", "ParameterGroupFamily": "redshift-1.0",
                  "Parameters": [{"ParameterName": "enable_user_activity_logging", "ParameterValue": "true"},
                                 {"ParameterName": "require_ssl", "ParameterValue": "true"}]},
                "Metadata": {"aws:cdk:path": "App/Warehouse/ParameterGroup/Resource"}},
              "WarehouseClusterA1B2C3D4": {"Type": "AWS::Redshift::Cluster",
                "Properties": {"NodeType": "ra3.xlplus", "Encrypted": true,
                  "ClusterParameterGroupName": {"Ref": "WarehouseParameterGroup1A2B3C4D"}},
                "Metadata": {"aws:cdk:path": "App/Warehouse/Cluster/Resource"}},
              "DefaultGroupCluster12345678": {"Type": "AWS::Redshift::Cluster",
                "Properties": {"NodeType": "ra3.xlplus", "Encrypted": true}}
            }}""";

    private static final String YAML = """
            Resources:
              LoggingOnly:
                Type: AWS::Redshift::ClusterParameterGroup
                Properties:
                  ParameterGroupFamily: redshift-1.0
                  Parameters:
                    - ParameterName: enable_user_activity_logging
                      ParameterValue: "true"
              SslOff:
                Type: AWS::Redshift::ClusterParameterGroup
                Properties:
                  ParameterGroupFamily: redshift-1.0
                  Parameters:
                    - ParameterName: require_ssl
                      ParameterValue: false
              ClusterOnWeakGroup:
                Type: AWS::Redshift::Cluster
                Properties:
                  NodeType: dc2.large
                  ClusterParameterGroupName: !Ref SslOff
              ClusterOnExternalGroup:
                Type: AWS::Redshift::Cluster
                Properties:
                  NodeType: dc2.large
                  ClusterParameterGroupName: shared-secure-group
            """;

    @Test
    void cdkGroupAndItsClusterPass() {
        assertStatus(Status.PASS, rule, CDK, "WarehouseParameterGroup1A2B3C4D");
        assertTrue(assertStatus(Status.PASS, rule, CDK, "WarehouseClusterA1B2C3D4").message()
                .contains("WarehouseParameterGroup1A2B3C4D"));
    }

    @Test
    void clusterOnDefaultGroupFails() {
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "DefaultGroupCluster12345678").message().contains("default parameter group"));
    }

    @Test
    void yamlGroupsAndClusters() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "LoggingOnly").message().contains("not set"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "SslOff").message().contains("require_ssl is false"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ClusterOnWeakGroup").message().contains("SslOff"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ClusterOnExternalGroup").message().contains("cannot verify"));
    }
}
