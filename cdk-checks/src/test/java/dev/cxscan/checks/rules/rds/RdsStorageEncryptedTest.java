package dev.cxscan.checks.rules.rds;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RdsStorageEncryptedTest {
    private final RdsStorageEncrypted rule = new RdsStorageEncrypted();

    /** rds.DatabaseCluster (Aurora, writer instance) and rds.DatabaseInstance without storageEncrypted, as CDK writes them. */
    private static final String CDK = """
            {"Resources": {
              "AuroraClusterKey8A1B2C3D": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "AuroraCluster23D869C0": {"Type": "AWS::RDS::DBCluster", "Properties": {
                "CopyTagsToSnapshot": true, "DBClusterParameterGroupName": "default.aurora-postgresql15",
                "DBSubnetGroupName": {"Ref": "AuroraClusterSubnets5540679D"}, "Engine": "aurora-postgresql",
                "EngineVersion": "15.4", "KmsKeyId": {"Fn::GetAtt": ["AuroraClusterKey8A1B2C3D", "Arn"]},
                "StorageEncrypted": true},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/AuroraCluster/Resource"}},
              "AuroraClusterwriter4F2A3C1D": {"Type": "AWS::RDS::DBInstance", "Properties": {
                "DBClusterIdentifier": {"Ref": "AuroraCluster23D869C0"}, "DBInstanceClass": "db.r6g.large",
                "Engine": "aurora-postgresql", "PubliclyAccessible": false},
                "Metadata": {"aws:cdk:path": "App/AuroraCluster/writer/Resource"}},
              "LegacyDbA1B2C3D4": {"Type": "AWS::RDS::DBInstance", "Properties": {
                "AllocatedStorage": "100", "DBInstanceClass": "db.t3.micro", "Engine": "mysql",
                "MasterUsername": "admin", "StorageType": "gp2"},
                "Metadata": {"aws:cdk:path": "App/LegacyDb/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Encrypt:
                Type: String
            Resources:
              Serverless:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  EngineMode: serverless
              ClusterFalse:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  StorageEncrypted: 'false'
              Source:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  StorageEncrypted: 'true'
              Replica:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  SourceDBInstanceIdentifier: !Ref Source
              Restored:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  DBSnapshotIdentifier: arn:aws:rds:eu-west-1:111122223333:snapshot:nightly
              FromParameter:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  StorageEncrypted: !Ref Encrypt
              KeyWithoutFlag:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  KmsKeyId: alias/rds-data
            """;

    @Test
    void cdkAuroraClusterPassesAndItsInstanceIsLeftToTheCluster() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "AuroraCluster23D869C0");
        assertTrue(f.message().contains("AuroraClusterKey8A1B2C3D"), f.message());
        assertNoFinding(rule, CDK, "AuroraClusterwriter4F2A3C1D");
    }

    @Test
    void cdkInstanceWithoutStorageEncryptedFails() {
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "LegacyDbA1B2C3D4").message().contains("not set (defaults to false)"));
    }

    @Test
    void yamlClusters() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Serverless").message().contains("always encrypted"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ClusterFalse").message().contains("StorageEncrypted is false"));
    }

    @Test
    void inheritedEncryptionFollowsTheSourceOrIsUnresolved() {
        Finding replica = assertStatus(Status.PASS, rule, YAML, "Replica");
        assertTrue(replica.message().contains("inherited from SourceDBInstanceIdentifier Source"), replica.message());
        Finding restored = assertStatus(Status.FAIL, rule, YAML, "Restored");
        assertTrue(restored.message().startsWith("cannot verify") && restored.message().contains("snapshot:nightly"), restored.message());
    }

    @Test
    void parameterAndKeyWithoutFlagAreNeverAPass() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Encrypt"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "KeyWithoutFlag").message().contains("KmsKeyId is set"));
    }
}
