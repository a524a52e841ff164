package dev.cxscan.checks.rules.cfn;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulResourcesRetainedTest {
    private final StatefulResourcesRetained rule = new StatefulResourcesRetained();

    /** CDK defaults: Bucket/Table/Key RETAIN, DatabaseInstance SNAPSHOT; a bucket with RemovalPolicy.DESTROY. */
    private static final String CDK = """
            {"Resources": {
              "DocsBucket9D3E1F0A": {"Type": "AWS::S3::Bucket",
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Docs/Resource"}},
              "ScratchBucket4D1C2B7E": {"Type": "AWS::S3::Bucket",
                "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete",
                "Metadata": {"aws:cdk:path": "App/Scratch/Resource"}},
              "OrdersTable315BB997": {"Type": "AWS::DynamoDB::Table",
                "Properties": {"BillingMode": "PAY_PER_REQUEST"},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Orders/Resource"}},
              "DataKey2B8A9E51": {"Type": "AWS::KMS::Key",
                "Properties": {"EnableKeyRotation": true},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DataKey/Resource"}},
              "OrdersDbC2A7F1B3": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"Engine": "postgres", "DBInstanceClass": "db.t3.medium"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/OrdersDb/Resource"}},
              "AuroraClusterD5D2A1F4": {"Type": "AWS::RDS::DBCluster",
                "Properties": {"Engine": "aurora-mysql"},
                "UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
                "Metadata": {"aws:cdk:path": "App/Aurora/Resource"}},
              "AuroraClusterwriter4B5E8C21": {"Type": "AWS::RDS::DBInstance",
                "Properties": {"DBClusterIdentifier": {"Ref": "AuroraClusterD5D2A1F4"}, "Engine": "aurora-mysql"},
                "Metadata": {"aws:cdk:path": "App/Aurora/writer/Resource"}}
            }}""";

    private static final String YAML = """
            Conditions:
              IsProd: !Equals [!Ref AWS::AccountId, "111111111111"]
            Resources:
              NoPolicies:
                Type: AWS::EFS::FileSystem
                Properties:
                  Encrypted: true
              SnapshotTable:
                Type: AWS::DynamoDB::Table
                DeletionPolicy: Snapshot
                UpdateReplacePolicy: Snapshot
              RdsDefaultDeletion:
                Type: AWS::RDS::DBInstance
                UpdateReplacePolicy: Snapshot
                Properties:
                  Engine: mysql
              RdsNothing:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
              RetainExceptOnCreate:
                Type: AWS::KMS::Key
                DeletionPolicy: RetainExceptOnCreate
                UpdateReplacePolicy: Retain
              RetainExceptOnCreateOnReplace:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                UpdateReplacePolicy: RetainExceptOnCreate
              ProdOnly:
                Type: AWS::DynamoDB::GlobalTable
                DeletionPolicy: !If [IsProd, Retain, Delete]
                UpdateReplacePolicy: Retain
              Queue:
                Type: AWS::SQS::Queue
            """;

    @Test
    void cdkDefaultsPass() {
        assertStatus(Status.PASS, rule, CDK, "DocsBucket9D3E1F0A");
        assertStatus(Status.PASS, rule, CDK, "OrdersTable315BB997");
        assertStatus(Status.PASS, rule, CDK, "DataKey2B8A9E51");
        assertTrue(assertStatus(Status.PASS, rule, CDK, "OrdersDbC2A7F1B3").message().contains("Snapshot"));
        assertStatus(Status.PASS, rule, CDK, "AuroraClusterD5D2A1F4");
        assertNoFinding(rule, CDK, "AuroraClusterwriter4B5E8C21");
    }

    @Test
    void cdkDestroyedBucketFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ScratchBucket4D1C2B7E");
        assertTrue(f.message().contains("DeletionPolicy Delete") && f.message().contains("UpdateReplacePolicy Delete"),
                f.message());
    }

    @Test
    void messageListsMissingAttributes() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "NoPolicies");
        assertTrue(f.message().contains("DeletionPolicy missing") && f.message().contains("UpdateReplacePolicy missing"),
                f.message());
    }

    @Test
    void snapshotOnlyWhereCloudFormationSupportsIt() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SnapshotTable");
        assertTrue(f.message().contains("not supported"), f.message());
    }

    @Test
    void rdsDeletionPolicyDefaultsToSnapshotButUpdateReplaceDoesNot() {
        Finding ok = assertStatus(Status.PASS, rule, YAML, "RdsDefaultDeletion");
        assertTrue(ok.message().contains("default"), ok.message());
        Finding f = assertStatus(Status.FAIL, rule, YAML, "RdsNothing");
        assertTrue(f.message().contains("UpdateReplacePolicy missing"), f.message());
        assertFalse(f.message().contains("DeletionPolicy missing"), f.message());
    }

    @Test
    void retainExceptOnCreateIsADeletionPolicyOnly() {
        assertStatus(Status.PASS, rule, YAML, "RetainExceptOnCreate");
        Finding f = assertStatus(Status.FAIL, rule, YAML, "RetainExceptOnCreateOnReplace");
        assertTrue(f.message().contains("not a valid UpdateReplacePolicy"), f.message());
    }

    @Test
    void conditionalPolicyFailsOnTheDeleteBranch() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "ProdOnly");
        assertTrue(f.message().contains("IsProd"), f.message());
        assertNoFinding(rule, YAML, "Queue");
    }

    @Test
    void liveScansYieldNothing() {
        Resource bucket = Resource.live("AWS::S3::Bucket", "docs", "arn:aws:s3:::docs", "eu-west-1",
                JsonNodeFactory.instance.objectNode());
        List<Finding> findings = new RuleEngine(List.of(rule))
                .evaluate(new ResourceSet("123456789012/eu-west-1", true, List.of(bucket)), new Diagnostics());
        assertEquals(List.of(), findings);
    }
}
