package dev.cxscan.checks.rules.kms;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class KmsKeyRotationEnabledTest {
    private final KmsKeyRotationEnabled rule = new KmsKeyRotationEnabled();

    /** kms.Key with enableKeyRotation, a default kms.Key, and an asymmetric signing key, as CDK writes them. */
    private static final String CDK = """
            {"Resources": {
              "DataKey2F1A3B4C": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true,
                "KeyPolicy": {"Statement": [{"Action": "kms:*", "Effect": "Allow",
                  "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::111122223333:root"]]}},
                  "Resource": "*"}], "Version": "2012-10-17"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DataKey/Resource"}},
              "LegacyKey7E8F9A0B": {"Type": "AWS::KMS::Key", "Properties": {
                "KeyPolicy": {"Statement": [], "Version": "2012-10-17"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/LegacyKey/Resource"}},
              "SigningKeyC1D2E3F4": {"Type": "AWS::KMS::Key", "Properties": {
                "KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY",
                "KeyPolicy": {"Statement": [], "Version": "2012-10-17"}},
                "Metadata": {"aws:cdk:path": "App/SigningKey/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Spec:
                Type: String
            Resources:
              Quarterly:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: SYMMETRIC_DEFAULT
                  EnableKeyRotation: 'true'
                  RotationPeriodInDays: 90
              MultiRegion:
                Type: AWS::KMS::Key
                Properties:
                  MultiRegion: true
                  EnableKeyRotation: false
              Hmac:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: HMAC_256
                  KeyUsage: GENERATE_VERIFY_MAC
              Imported:
                Type: AWS::KMS::Key
                Properties:
                  Origin: EXTERNAL
              SpecFromParameter:
                Type: AWS::KMS::Key
                Properties:
                  KeySpec: !Ref Spec
                  EnableKeyRotation: true
            """;

    @Test
    void cdkKeys() {
        assertStatus(Status.PASS, rule, CDK, "DataKey2F1A3B4C");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "LegacyKey7E8F9A0B").message().contains("not set (defaults to false)"));
        assertNoFinding(rule, CDK, "SigningKeyC1D2E3F4");
    }

    @Test
    void yamlKeys() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Quarterly").message().contains("every 90 days"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "MultiRegion").message().contains("EnableKeyRotation is false"));
        assertNoFinding(rule, YAML, "Hmac");
        assertNoFinding(rule, YAML, "Imported");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "SpecFromParameter").message().contains("Ref Spec"));
    }
}
