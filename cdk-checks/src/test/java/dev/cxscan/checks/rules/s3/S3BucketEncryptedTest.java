package dev.cxscan.checks.rules.s3;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class S3BucketEncryptedTest {
    private final S3BucketEncrypted rule = new S3BucketEncrypted();

    /** The shape aws-cdk-lib synthesizes for new Bucket(..., encryption: KMS). */
    private static final String CDK = """
            {"Resources": {
              "DocsBucketKey1A2B3C": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "DocsBucket9D3E1F0A": {
                "Type": "AWS::S3::Bucket",
                "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                  {"ServerSideEncryptionByDefault": {"KMSMasterKeyID": {"Fn::GetAtt": ["DocsBucketKey1A2B3C", "Arn"]},
                                                     "SSEAlgorithm": "aws:kms"}}]}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DocsBucket/Resource"}},
              "WrongAlgBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {
                 "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "none"}}]}}}
            }}""";

    private static final String YAML = """
            Parameters:
              Alg:
                Type: String
            Resources:
              Plain:
                Type: AWS::S3::Bucket
              Aes:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: AES256
              FromParam:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: !Ref Alg
              EmptyRules:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration: []
            """;

    @Test
    void cdkKmsBucketPassesAndSaysKms() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "DocsBucket9D3E1F0A");
        assertTrue(f.message().contains("SSE-KMS"), f.message());
        assertTrue(f.resource().cdkPath().equals("App/DocsBucket/Resource"));
    }

    @Test
    void unknownAlgorithmFails() {
        assertStatus(Status.FAIL, rule, CDK, "WrongAlgBucket");
    }

    @Test
    void yamlBucketsFollowTodaysS3Default() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Plain").message().contains("by default"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Aes").message().contains("SSE-S3"));
        assertStatus(Status.FAIL, rule, YAML, "EmptyRules");
    }

    @Test
    void parameterWithoutDefaultIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().contains("Ref Alg"), f.message());
    }
}
