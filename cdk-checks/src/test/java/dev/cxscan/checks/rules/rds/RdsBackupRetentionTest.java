package dev.cxscan.checks.rules.rds;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RdsBackupRetentionTest {
    private final RdsBackupRetention rule = new RdsBackupRetention();

    /** DatabaseInstance with backupRetention(Duration.days(14)), a default DatabaseCluster and its reader. */
    private static final String CDK = """
            {"Resources": {
              "OrdersDbC2A7F1B3": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"DBInstanceClass": "db.t3.medium", "Engine": "postgres", "BackupRetentionPeriod": 14,
                               "AllocatedStorage": "100"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/OrdersDb/Resource"}},
              "AuroraClusterD5D2A1F4": {"Type": "AWS::RDS::DBCluster",
                "Properties": {"Engine": "aurora-mysql", "MasterUsername": "admin"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/Aurora/Resource"}},
              "AuroraClusterreader1E2F3A4B": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"DBClusterIdentifier": {"Ref": "AuroraClusterD5D2A1F4"}, "Engine": "aurora-mysql",
                               "DBInstanceClass": "db.r6g.large"},
                "Metadata": {"aws:cdk:path": "App/Aurora/reader/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Retention:
                Type: Number
            Resources:
              Absent:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
              Zero:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  BackupRetentionPeriod: "0"
              FiveDays:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  BackupRetentionPeriod: 5
              ExactlySeven:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  BackupRetentionPeriod: "7"
              FromParam:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  BackupRetentionPeriod: !Ref Retention
            """;

    @Test
    void cdkInstanceWithTwoWeeksPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "OrdersDbC2A7F1B3");
        assertTrue(f.message().contains("14 days"), f.message());
    }

    @Test
    void cdkDefaultClusterFailsOnTheOneDayDefaultAndMembersAreNotJudged() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "AuroraClusterD5D2A1F4");
        assertTrue(f.message().contains("defaults to 1 day"), f.message());
        assertNoFinding(rule, CDK, "AuroraClusterreader1E2F3A4B");
    }

    @Test
    void yamlThresholdIsSevenDays() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Absent").message().contains("defaults to 1 day"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Zero").message().contains("disabled"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FiveDays").message().contains("5 days"));
        assertStatus(Status.PASS, rule, YAML, "ExactlySeven");
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Retention"));
    }
}
