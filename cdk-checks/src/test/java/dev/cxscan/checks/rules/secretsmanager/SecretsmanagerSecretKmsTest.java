package dev.cxscan.checks.rules.secretsmanager;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class SecretsmanagerSecretKmsTest {
    private final SecretsmanagerSecretKms rule = new SecretsmanagerSecretKms();

    private static final String CDK = """
            {"Resources": {
              "SecretKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "DbSecretA1B2C3D4": {"Type": "AWS::SecretsManager::Secret",
                "Properties": {"GenerateSecretString": {"PasswordLength": 30},
                  "KmsKeyId": {"Fn::GetAtt": ["SecretKey1A2B3C4D", "Arn"]}},
                "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete",
                "Metadata": {"aws:cdk:path": "App/DbSecret/Resource"}},
              "ApiSecret5E6F7A8B": {"Type": "AWS::SecretsManager::Secret",
                "Properties": {"GenerateSecretString": {}},
                "Metadata": {"aws:cdk:path": "App/ApiSecret/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              KeyArn:
                Type: String
            Resources:
              AwsManaged:
                Type: AWS::SecretsManager::Secret
                Properties:
                  KmsKeyId: alias/aws/secretsmanager
              AwsManagedShort:
                Type: AWS::SecretsManager::Secret
                Properties:
                  KmsKeyId: aws/secretsmanager
              ByArn:
                Type: AWS::SecretsManager::Secret
                Properties:
                  KmsKeyId: !Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab
              FromParam:
                Type: AWS::SecretsManager::Secret
                Properties:
                  KmsKeyId: !Ref KeyArn
            """;

    @Test
    void cdkSecretWithKeyPassesAndNamesIt() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "DbSecretA1B2C3D4");
        assertTrue(f.message().contains("SecretKey1A2B3C4D"), f.message());
    }

    @Test
    void cdkSecretWithoutKeyFailsAndSaysAwsManaged() {
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "ApiSecret5E6F7A8B").message().contains("aws/secretsmanager"));
    }

    @Test
    void awsManagedAliasesFail() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "AwsManaged").message().contains("AWS managed key"));
        assertStatus(Status.FAIL, rule, YAML, "AwsManagedShort");
    }

    @Test
    void subKeyArnPassesAndParameterIsUnresolved() {
        assertStatus(Status.PASS, rule, YAML, "ByArn");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
