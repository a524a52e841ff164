package dev.cxscan.checks.rules.rds;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class RdsMultiAzTest {
    private final RdsMultiAz rule = new RdsMultiAz();

    private static final String YAML = """
            Parameters:
              HighAvailability:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref HighAvailability, "yes"]
            Resources:
              StringTrue:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", MultiAZ: "true"}
              FromParam:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", MultiAZ: !Ref HighAvailability}
              ProdOnly:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MultiAZ: !If [IsProd, true, false]
              PinnedCluster:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora-mysql, DBClusterIdentifier: pinned-cluster, MasterUsername: admin}
              PinnedA:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-mysql, DBInstanceClass: db.r6g.large, DBClusterIdentifier: !Ref PinnedCluster, AvailabilityZone: us-east-1a}
              PinnedA2:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-mysql, DBInstanceClass: db.r6g.large, DBClusterIdentifier: pinned-cluster, AvailabilityZone: us-east-1a}
              SpreadCluster:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora-postgresql, MasterUsername: postgres}
              SpreadA:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBInstanceClass: db.serverless, DBClusterIdentifier: !Ref SpreadCluster, AvailabilityZone: us-east-1a}
              SpreadB:
                Type: AWS::RDS::DBInstance
                Properties: {Engine: aurora-postgresql, DBInstanceClass: db.serverless, DBClusterIdentifier: !Ref SpreadCluster, AvailabilityZone: us-east-1c}
              EmptyCluster:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora-mysql, MasterUsername: admin}
              ServerlessV1:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: aurora-mysql, EngineMode: serverless, MasterUsername: admin}
              MultiAzDbCluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: postgres
                  DBClusterInstanceClass: db.m6gd.large
                  StorageType: io1
                  Iops: 1000
                  AllocatedStorage: 100
                  MasterUsername: postgres
            """;

    @Test
    void cdkInstancesFollowMultiAz() {
        String t = NetworkStack.json();
        assertTrue(assertStatus(Status.PASS, rule, t, "ReportsDbInstanceA1B2C3D4").message().contains("MultiAZ is true"));
        assertTrue(assertStatus(Status.FAIL, rule, t, "ScratchDbInstance9F8E7D6C").message().contains("not set"));
    }

    @Test
    void cdkAuroraClusterWithWriterAndReaderPassesAndItsInstancesHaveNoFindingOfTheirOwn() {
        String t = NetworkStack.json();
        Finding f = assertStatus(Status.PASS, rule, t, "DatabaseB269D8BB");
        assertTrue(f.message().contains("2 DB instances"), f.message());
        assertNoFinding(rule, t, "Databasewriter2462CC03");
        assertNoFinding(rule, t, "Databasereader1A6F3E40");
    }

    @Test
    void cdkAuroraClusterWithOnlyAWriterFails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "SoloDatabase5E1C2A77");
        assertTrue(f.message().contains("only one DB instance"), f.message());
    }

    @Test
    void yamlInstanceValues() {
        assertStatus(Status.PASS, rule, YAML, "StringTrue");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref HighAvailability"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ProdOnly").message().contains("IsProd is false"));
    }

    @Test
    void yamlAuroraInstancesPinnedToOneAzFailAndSpreadOnesPass() {
        // PinnedA2 names the cluster by its literal DBClusterIdentifier
        Finding pinned = assertStatus(Status.FAIL, rule, YAML, "PinnedCluster");
        assertTrue(pinned.message().contains("only one AZ") && pinned.message().contains("us-east-1a"), pinned.message());
        assertTrue(assertStatus(Status.PASS, rule, YAML, "SpreadCluster").message().contains("us-east-1c"));
    }

    @Test
    void yamlClusterShapes() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "EmptyCluster").message().contains("no DB instance"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ServerlessV1").message().contains("Serverless v1"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "MultiAzDbCluster").message().contains("Multi-AZ DB cluster"));
    }
}
