package dev.cxscan.checks.rules.sagemaker;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class SagemakerEncryptedTest {
    private final SagemakerEncrypted rule = new SagemakerEncrypted();

    private static final String CDK = """
            {"Resources": {
              "MlKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "NotebookA1B2C3D4": {"Type": "AWS::SageMaker::NotebookInstance",
                "Properties": {"InstanceType": "ml.t3.medium", "RoleArn": {"Fn::GetAtt": ["NotebookRole1A2B3C4D", "Arn"]},
                  "KmsKeyId": {"Ref": "MlKey1A2B3C4D"}},
                "Metadata": {"aws:cdk:path": "App/Notebook"}},
              "EndpointConfig5E6F7A8B": {"Type": "AWS::SageMaker::EndpointConfig",
                "Properties": {"ProductionVariants": [{"ModelName": "m", "VariantName": "v", "InitialInstanceCount": 1,
                  "InstanceType": "ml.m5.large"}]},
                "Metadata": {"aws:cdk:path": "App/EndpointConfig"}},
              "StudioDomain9F8E7D6C": {"Type": "AWS::SageMaker::Domain",
                "Properties": {"DomainName": "studio", "AuthMode": "IAM", "KmsKeyId": {"Fn::GetAtt": ["MlKey1A2B3C4D", "Arn"]}}},
              "NotebookRole1A2B3C4D": {"Type": "AWS::IAM::Role", "Properties": {}}
            }}""";

    private static final String YAML = """
            Resources:
              Notebook:
                Type: AWS::SageMaker::NotebookInstance
                Properties:
                  InstanceType: ml.t3.medium
                  RoleArn: !GetAtt Role.Arn
              Studio:
                Type: AWS::SageMaker::Domain
                Properties:
                  KmsKeyId: alias/aws/sagemaker
              Role:
                Type: AWS::IAM::Role
            """;

    @Test
    void cdkResources() {
        assertStatus(Status.PASS, rule, CDK, "NotebookA1B2C3D4");
        assertStatus(Status.PASS, rule, CDK, "StudioDomain9F8E7D6C");
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "EndpointConfig5E6F7A8B").message().contains("endpoint"));
        assertNoFinding(rule, CDK, "NotebookRole1A2B3C4D");
    }

    @Test
    void yamlResources() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Notebook").message().contains("KmsKeyId is not set"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Studio").message().contains("alias/aws/sagemaker"));
    }
}
