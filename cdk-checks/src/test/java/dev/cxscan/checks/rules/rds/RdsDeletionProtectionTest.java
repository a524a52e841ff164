package dev.cxscan.checks.rules.rds;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RdsDeletionProtectionTest {
    private final RdsDeletionProtection rule = new RdsDeletionProtection();

    /** DatabaseCluster with deletionProtection(true) and its writer; a DatabaseInstance without it. */
    private static final String CDK = """
            {"Resources": {
              "AuroraClusterD5D2A1F4": {"Type": "AWS::RDS::DBCluster",
                "Properties": {"Engine": "aurora-postgresql", "DeletionProtection": true, "StorageEncrypted": true,
                               "MasterUsername": "postgres"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/Aurora/Resource"}},
              "AuroraClusterwriter4B5E8C21": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"DBClusterIdentifier": {"Ref": "AuroraClusterD5D2A1F4"}, "DBInstanceClass": "db.r6g.large",
                               "Engine": "aurora-postgresql"},
                "Metadata": {"aws:cdk:path": "App/Aurora/writer/Resource"}},
              "ReportsDb5A7B3C9E": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"DBInstanceClass": "db.t3.micro", "Engine": "mysql", "AllocatedStorage": "100"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/ReportsDb/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Protect:
                Type: String
                AllowedValues: ["true", "false"]
            Resources:
              StringTrue:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DeletionProtection: "true"
              ExplicitFalse:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  DeletionProtection: false
              FromParam:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DeletionProtection: !Ref Protect
            """;

    @Test
    void cdkProtectedClusterPassesAndItsMemberIsJudgedThroughIt() {
        assertStatus(Status.PASS, rule, CDK, "AuroraClusterD5D2A1F4");
        assertNoFinding(rule, CDK, "AuroraClusterwriter4B5E8C21");
    }

    @Test
    void cdkInstanceWithoutPropertyFailsOnTheDefault() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ReportsDb5A7B3C9E");
        assertTrue(f.message().contains("defaults to false"), f.message());
    }

    @Test
    void yamlValues() {
        assertStatus(Status.PASS, rule, YAML, "StringTrue");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ExplicitFalse").message().contains("is false"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Protect"));
    }
}
