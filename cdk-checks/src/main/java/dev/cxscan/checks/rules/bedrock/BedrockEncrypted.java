package dev.cxscan.checks.rules.bedrock;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: Amazon Bedrock resources that store customer content use a customer managed KMS key:
 * agents, flows and prompts (CustomerEncryptionKeyArn), guardrails (KmsKeyArn) and knowledge base
 * data sources (ServerSideEncryptionConfiguration.KmsKeyArn, for the transient data of ingestion).
 * Bedrock encrypts all of them with an AWS owned or AWS managed key otherwise, so this asks for a
 * key the customer controls: low. AWS::Bedrock::KnowledgeBase itself is not judged: its vectors
 * live in the vector store (OpenSearch Serverless, Aurora, ...) whose own encryption applies.
 */
public final class BedrockEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("bedrock_encrypted",
            "Bedrock agents, flows, prompts, guardrails and data sources use a customer managed KMS key",
            Severity.LOW, "NETSEC-002",
            "Set CustomerEncryptionKeyArn (Agent, Flow, Prompt), KmsKeyArn (Guardrail) or "
                    + "ServerSideEncryptionConfiguration.KmsKeyArn (DataSource) to a customer managed key; in CDK: "
                    + "CfnAgent.customerEncryptionKeyArn, CfnGuardrail.kmsKeyArn, ...");

    public BedrockEncrypted() {
        super(CHECK, "AWS::Bedrock::Agent", "AWS::Bedrock::Flow", "AWS::Bedrock::Prompt", "AWS::Bedrock::Guardrail",
                "AWS::Bedrock::DataSource");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return switch (resource.type()) {
            case "AWS::Bedrock::Guardrail" -> KmsKeyReference.requireCustomerKey(resource, context,
                    "the guardrail is encrypted with an AWS owned key", "KmsKeyArn");
            case "AWS::Bedrock::DataSource" -> KmsKeyReference.requireCustomerKey(resource, context,
                    "transient ingestion data is encrypted with an AWS owned key", "ServerSideEncryptionConfiguration", "KmsKeyArn");
            default -> KmsKeyReference.requireCustomerKey(resource, context,
                    "Bedrock encrypts it with an AWS owned key", "CustomerEncryptionKeyArn");
        };
    }
}
