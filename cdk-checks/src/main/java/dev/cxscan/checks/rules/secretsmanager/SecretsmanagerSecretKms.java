package dev.cxscan.checks.rules.secretsmanager;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002 ("keys are stored and managed using a dedicated key management solution"): Secrets
 * Manager secrets are encrypted with a customer managed KMS key (KmsKeyId). Secrets Manager always
 * encrypts, with the AWS managed key aws/secretsmanager when KmsKeyId is absent, so this only asks
 * for a key the customer controls (key policy, rotation, cross-account use): low. KmsKeyId naming
 * aws/secretsmanager or alias/aws/secretsmanager fails like an absent one.
 */
public final class SecretsmanagerSecretKms extends AbstractRule {
    static final Check CHECK = Check.of("secretsmanager_secret_kms",
            "Secrets Manager secrets are encrypted with a customer managed KMS key", Severity.LOW, "NETSEC-002",
            "Set KmsKeyId to a customer managed key; in CDK: new Secret(this, id, SecretProps.builder().encryptionKey(key)...).");

    public SecretsmanagerSecretKms() {
        super(CHECK, "AWS::SecretsManager::Secret");
    }

    @Override
    public Verdict evaluate(Resource secret, RuleContext context) {
        return KmsKeyReference.requireCustomerKey(secret, context,
                "the secret is encrypted with the AWS managed key aws/secretsmanager", "KmsKeyId");
    }
}
