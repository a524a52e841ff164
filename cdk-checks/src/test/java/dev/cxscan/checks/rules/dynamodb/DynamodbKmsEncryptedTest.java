package dev.cxscan.checks.rules.dynamodb;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class DynamodbKmsEncryptedTest {
    private final DynamodbKmsEncrypted rule = new DynamodbKmsEncrypted();

    /** Table with CUSTOMER_MANAGED encryption, a default Table, and a TableV2 (GlobalTable), as CDK writes them. */
    private static final String CDK = """
            {"Resources": {
              "OrdersKeyC3D4E5F6": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "OrdersTable8A9B0C1D": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST",
                "SSESpecification": {"KMSMasterKeyId": {"Fn::GetAtt": ["OrdersKeyC3D4E5F6", "Arn"]},
                                     "SSEEnabled": true, "SSEType": "KMS"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Orders/Resource"}},
              "SessionsTable2B3C4D5E": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Sessions/Resource"}},
              "EventsTableV2F0E1D2C3": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "Replicas": [{"Region": "eu-west-1", "SSESpecification": {"KMSMasterKeyId": {"Fn::GetAtt": ["OrdersKeyC3D4E5F6", "Arn"]}}}],
                "SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"}},
                "Metadata": {"aws:cdk:path": "App/Events/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Sse:
                Type: String
            Resources:
              AwsManaged:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: pk
                      KeyType: HASH
                  SSESpecification:
                    SSEEnabled: 'true'
              Disabled:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: pk
                      KeyType: HASH
                  SSESpecification:
                    SSEEnabled: false
              FromParameter:
                Type: AWS::DynamoDB::Table
                Properties:
                  KeySchema:
                    - AttributeName: pk
                      KeyType: HASH
                  SSESpecification:
                    SSEEnabled: !Ref Sse
            """;

    @Test
    void cdkCustomerManagedTablePasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "OrdersTable8A9B0C1D");
        assertTrue(f.message().contains("SSE-KMS with customer key OrdersKeyC3D4E5F6"), f.message());
    }

    @Test
    void cdkDefaultTableFailsWithTheOwnedKeyMessage() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "SessionsTable2B3C4D5E");
        assertTrue(f.message().contains("encrypted with an AWS owned key (DynamoDB default); the check asks for KMS"), f.message());
    }

    @Test
    void cdkGlobalTableTakesTheReplicaKey() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "EventsTableV2F0E1D2C3");
        assertTrue(f.message().contains("OrdersKeyC3D4E5F6") && f.message().contains("replica eu-west-1"), f.message());
    }

    @Test
    void yamlTables() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "AwsManaged").message().contains("aws/dynamodb"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Disabled").message().contains("SSEEnabled is false"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Sse"));
    }
}
