package dev.cxscan.checks.rules.logs;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: CloudWatch Logs log groups are encrypted with a customer managed KMS key (KmsKeyId).
 * CloudWatch Logs always encrypts log data at rest with a service key, so this asks for a key the
 * customer controls: low. (Log groups often hold prompts and model responses of generative AI
 * applications, which is why the check exists at all.)
 */
public final class LogGroupEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("log_group_encrypted",
            "CloudWatch Logs log groups are encrypted with a customer managed KMS key", Severity.LOW, "NETSEC-002",
            "Set KmsKeyId to a customer managed key whose key policy allows logs.<region>.amazonaws.com; in CDK: "
                    + "new LogGroup(this, id, LogGroupProps.builder().encryptionKey(key)...).");

    public LogGroupEncrypted() {
        super(CHECK, "AWS::Logs::LogGroup");
    }

    @Override
    public Verdict evaluate(Resource group, RuleContext context) {
        return KmsKeyReference.requireCustomerKey(group, context,
                "CloudWatch Logs encrypts the log data with a service-owned key", "KmsKeyId");
    }
}
