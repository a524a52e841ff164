package dev.cxscan.checks.rules.backup;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: AWS Backup vaults encrypt recovery points with a customer managed KMS key
 * (EncryptionKeyArn). Vaults are always encrypted, with the AWS managed key aws/backup when the
 * property is absent, so this asks for a key the customer controls: low.
 */
public final class BackupVaultEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("backup_vault_encrypted",
            "AWS Backup vaults are encrypted with a customer managed KMS key", Severity.LOW, "NETSEC-002",
            "Set EncryptionKeyArn to a customer managed key; in CDK: new BackupVault(this, id, "
                    + "BackupVaultProps.builder().encryptionKey(key)...).");

    public BackupVaultEncrypted() {
        super(CHECK, "AWS::Backup::BackupVault");
    }

    @Override
    public Verdict evaluate(Resource vault, RuleContext context) {
        return KmsKeyReference.requireCustomerKey(vault, context,
                "the vault uses the AWS managed key aws/backup", "EncryptionKeyArn");
    }
}
