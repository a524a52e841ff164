package dev.cxscan.checks.rules.bedrock;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class BedrockEncryptedTest {
    private final BedrockEncrypted rule = new BedrockEncrypted();

    private static final String CDK = """
            {"Resources": {
              "AgentKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "SupportAgentA1B2C3D4": {"Type": "AWS::Bedrock::Agent",
                "Properties": {"AgentName": "support", "FoundationModel": "anthropic.claude-3-haiku-20240307-v1:0",
                  "CustomerEncryptionKeyArn": {"Fn::GetAtt": ["AgentKey1A2B3C4D", "Arn"]}},
                "Metadata": {"aws:cdk:path": "App/SupportAgent"}},
              "SafetyGuardrail5E6F7A8B": {"Type": "AWS::Bedrock::Guardrail",
                "Properties": {"Name": "safety", "BlockedInputMessaging": "no", "BlockedOutputsMessaging": "no"},
                "Metadata": {"aws:cdk:path": "App/SafetyGuardrail"}},
              "DocsSource9F8E7D6C": {"Type": "AWS::Bedrock::DataSource",
                "Properties": {"Name": "docs", "KnowledgeBaseId": {"Ref": "DocsKb1A2B3C4D"},
                  "ServerSideEncryptionConfiguration": {"KmsKeyArn": {"Fn::GetAtt": ["AgentKey1A2B3C4D", "Arn"]}}}},
              "DocsKb1A2B3C4D": {"Type": "AWS::Bedrock::KnowledgeBase", "Properties": {"Name": "docs"}}
            }}""";

    private static final String YAML = """
            Resources:
              Flow:
                Type: AWS::Bedrock::Flow
                Properties:
                  Name: f
              Guardrail:
                Type: AWS::Bedrock::Guardrail
                Properties:
                  Name: g
                  KmsKeyArn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
              Prompt:
                Type: AWS::Bedrock::Prompt
                Properties:
                  Name: p
                  CustomerEncryptionKeyArn: !ImportValue shared-key-arn
            """;

    @Test
    void cdkResources() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "SupportAgentA1B2C3D4").message().contains("CustomerEncryptionKeyArn"));
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "SafetyGuardrail5E6F7A8B").message().contains("KmsKeyArn is not set"));
        assertStatus(Status.PASS, rule, CDK, "DocsSource9F8E7D6C");
        assertNoFinding(rule, CDK, "DocsKb1A2B3C4D");
    }

    @Test
    void yamlResources() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Flow").message().contains("CustomerEncryptionKeyArn is not set"));
        assertStatus(Status.PASS, rule, YAML, "Guardrail");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Prompt").message().contains("cannot verify"));
    }
}
