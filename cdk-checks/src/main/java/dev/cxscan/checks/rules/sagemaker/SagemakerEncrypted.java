package dev.cxscan.checks.rules.sagemaker;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: SageMaker notebook instances, endpoint configurations and Studio domains encrypt
 * their storage with a customer managed KMS key (KmsKeyId). SageMaker encrypts these volumes with
 * an AWS managed key otherwise (and instance types with local NVMe storage encrypt in hardware and
 * refuse a KmsKeyId on endpoint configurations), so this asks for a key the customer controls: low.
 * Processing, training and monitoring jobs are not covered.
 */
public final class SagemakerEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("sagemaker_encrypted",
            "SageMaker notebook instances, endpoint configurations and domains use a customer managed KMS key",
            Severity.LOW, "NETSEC-002",
            "Set KmsKeyId to a customer managed key on AWS::SageMaker::NotebookInstance, EndpointConfig and Domain "
                    + "(CfnNotebookInstance.kmsKeyId, CfnEndpointConfig.kmsKeyId, CfnDomain.kmsKeyId in CDK).");

    public SagemakerEncrypted() {
        super(CHECK, "AWS::SageMaker::NotebookInstance", "AWS::SageMaker::EndpointConfig", "AWS::SageMaker::Domain");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        String what = switch (resource.type()) {
            case "AWS::SageMaker::NotebookInstance" -> "the notebook's ML storage volume";
            case "AWS::SageMaker::EndpointConfig" -> "the endpoint's ML storage volumes";
            default -> "the domain's EFS volume";
        };
        return KmsKeyReference.requireCustomerKey(resource, context, what + " is encrypted with an AWS managed key", "KmsKeyId");
    }
}
