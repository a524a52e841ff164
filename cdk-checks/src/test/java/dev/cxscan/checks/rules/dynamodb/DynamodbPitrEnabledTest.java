package dev.cxscan.checks.rules.dynamodb;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class DynamodbPitrEnabledTest {
    private final DynamodbPitrEnabled rule = new DynamodbPitrEnabled();

    /** Table with pointInTimeRecovery(true), a default Table, and a TableV2 whose second replica turns PITR off. */
    private static final String CDK = """
            {"Resources": {
              "OrdersTable315BB997": {"Type": "AWS::DynamoDB::Table",
                "Properties": {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                  "BillingMode": "PAY_PER_REQUEST",
                  "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Orders/Resource"}},
              "SessionsTableA016F679": {"Type": "AWS::DynamoDB::Table",
                "Properties": {"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                  "BillingMode": "PAY_PER_REQUEST"},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Sessions/Resource"}},
              "GlobalCatalog8C1E7D22": {"Type": "AWS::DynamoDB::GlobalTable",
                "Properties": {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                  "BillingMode": "PAY_PER_REQUEST",
                  "Replicas": [
                    {"Region": "eu-west-1", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}},
                    {"Region": "us-east-1", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}}]},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/GlobalCatalog/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Pitr:
                Type: String
            Resources:
              StringTrue:
                Type: AWS::DynamoDB::Table
                Properties:
                  PointInTimeRecoverySpecification:
                    PointInTimeRecoveryEnabled: "true"
              FromParam:
                Type: AWS::DynamoDB::Table
                Properties:
                  PointInTimeRecoverySpecification:
                    PointInTimeRecoveryEnabled: !Ref Pitr
              AllReplicas:
                Type: AWS::DynamoDB::GlobalTable
                Properties:
                  Replicas:
                    - Region: !Ref AWS::Region
                      PointInTimeRecoverySpecification:
                        PointInTimeRecoveryEnabled: true
                    - Region: ap-southeast-2
                      PointInTimeRecoverySpecification:
                        PointInTimeRecoveryEnabled: true
              ReplicaWithoutSpec:
                Type: AWS::DynamoDB::GlobalTable
                Properties:
                  Replicas:
                    - Region: eu-central-1
                      PointInTimeRecoverySpecification:
                        PointInTimeRecoveryEnabled: true
                    - Region: sa-east-1
            """;

    @Test
    void cdkTables() {
        assertStatus(Status.PASS, rule, CDK, "OrdersTable315BB997");
        Finding f = assertStatus(Status.FAIL, rule, CDK, "SessionsTableA016F679");
        assertTrue(f.message().contains("not configured"), f.message());
    }

    @Test
    void cdkGlobalTableNamesTheFailingReplicaRegion() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "GlobalCatalog8C1E7D22");
        assertTrue(f.message().contains("us-east-1"), f.message());
        assertFalse(f.message().contains("eu-west-1"), f.message());
    }

    @Test
    void yamlTablesAndReplicas() {
        assertStatus(Status.PASS, rule, YAML, "StringTrue");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("Ref Pitr"));
        assertStatus(Status.PASS, rule, YAML, "AllReplicas");
        Finding f = assertStatus(Status.FAIL, rule, YAML, "ReplicaWithoutSpec");
        assertTrue(f.message().contains("sa-east-1"), f.message());
    }
}
