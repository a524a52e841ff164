package dev.cxscan.checks.rules.backup;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class BackupVaultEncryptedTest {
    private final BackupVaultEncrypted rule = new BackupVaultEncrypted();

    private static final String CDK = """
            {"Resources": {
              "VaultKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "VaultAliasA1B2C3D4": {"Type": "AWS::KMS::Alias", "Properties": {"AliasName": "alias/backup-vault",
                "TargetKeyId": {"Fn::GetAtt": ["VaultKey1A2B3C4D", "Arn"]}}},
              "BackupVault9D3E1F0A": {"Type": "AWS::Backup::BackupVault",
                "Properties": {"BackupVaultName": "AppBackupVault", "EncryptionKeyArn": {"Fn::GetAtt": ["VaultKey1A2B3C4D", "Arn"]}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Vault/Resource"}},
              "DefaultVault5E6F7A8B": {"Type": "AWS::Backup::BackupVault",
                "Properties": {"BackupVaultName": "DefaultishVault"},
                "Metadata": {"aws:cdk:path": "App/DefaultVault/Resource"}}
            }}""";

    private static final String YAML = """
            Resources:
              ViaAlias:
                Type: AWS::Backup::BackupVault
                Properties:
                  BackupVaultName: v
                  EncryptionKeyArn: !Ref MyAlias
              MyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/my-vault-key
                  TargetKeyId: abc
              ManagedArn:
                Type: AWS::Backup::BackupVault
                Properties:
                  BackupVaultName: w
                  EncryptionKeyArn: arn:aws:kms:eu-west-1:111122223333:alias/aws/backup
            """;

    @Test
    void cdkVaults() {
        assertStatus(Status.PASS, rule, CDK, "BackupVault9D3E1F0A");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "DefaultVault5E6F7A8B").message().contains("aws/backup"));
    }

    @Test
    void yamlAliasPassesManagedAliasArnFails() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "ViaAlias").message().contains("MyAlias"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "ManagedArn").message().contains("AWS managed key"));
    }
}
