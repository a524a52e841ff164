package dev.cxscan.checks.rules.sqs;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsQueueEncryptedTest {
    private final SqsQueueEncrypted rule = new SqsQueueEncrypted();

    /** new Queue() (default), encryption KMS with a key, KMS_MANAGED, and UNENCRYPTED, as aws-cdk-lib writes them. */
    private static final String CDK = """
            {"Resources": {
              "JobsQueueD7A3B9C1": {"Type": "AWS::SQS::Queue",
                "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete",
                "Metadata": {"aws:cdk:path": "App/JobsQueue/Resource"}},
              "OrdersQueueKey4E5F6A7B": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "OrdersQueue9B8C7D6E": {"Type": "AWS::SQS::Queue", "Properties": {
                "KmsMasterKeyId": {"Fn::GetAtt": ["OrdersQueueKey4E5F6A7B", "Arn"]}},
                "Metadata": {"aws:cdk:path": "App/OrdersQueue/Resource"}},
              "AuditQueue3C4D5E6F": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": "alias/aws/sqs"},
                "Metadata": {"aws:cdk:path": "App/AuditQueue/Resource"}},
              "PlainQueue0F1E2D3C": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": false},
                "Metadata": {"aws:cdk:path": "App/PlainQueue/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Key:
                Type: String
            Resources:
              Managed:
                Type: AWS::SQS::Queue
                Properties:
                  SqsManagedSseEnabled: 'true'
              EmptyKey:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: ''
              KeyFromParameter:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: !Ref Key
              KeyFromSub:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: !Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/jobs'
            """;

    @Test
    void cdkDefaultQueueReliesOnSseSqs() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "JobsQueueD7A3B9C1").message().contains("SSE-SQS (default for new queues)"));
    }

    @Test
    void cdkKmsQueues() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "OrdersQueue9B8C7D6E").message().contains("customer key OrdersQueueKey4E5F6A7B"));
        assertTrue(assertStatus(Status.PASS, rule, CDK, "AuditQueue3C4D5E6F").message().contains("AWS managed key alias/aws/sqs"));
    }

    @Test
    void cdkUnencryptedQueueFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "PlainQueue0F1E2D3C");
        assertTrue(f.message().contains("SqsManagedSseEnabled is false"), f.message());
    }

    @Test
    void yamlQueues() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Managed").message().contains("SqsManagedSseEnabled true"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "EmptyKey").message().contains("KmsMasterKeyId is empty"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "KeyFromParameter").message().contains("Ref Key"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "KeyFromSub").message().contains("Fn::Sub"));
    }

    @Test
    void liveQueueWithoutAnySseFails() {
        Resource q = Resource.live("AWS::SQS::Queue", "legacy", "arn:aws:sqs:eu-west-1:111122223333:legacy", "eu-west-1",
                JsonNodeFactory.instance.objectNode());
        Verdict v = rule.evaluate(q, new ResourceSet("111122223333/eu-west-1", true, List.of(q)));
        assertTrue(v.status() == Status.FAIL, v.toString());
    }
}
