package dev.cxscan.checks.rules.s3;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class S3BucketSecureTransportTest {
    private final S3BucketSecureTransport rule = new S3BucketSecureTransport();

    /** new Bucket(this, "Docs", {enforceSSL: true}) and a bucket without it, as aws-cdk-lib synthesizes them. */
    private static final String CDK = """
            {"Resources": {
              "DocsBucket9D3E1F0A": {"Type": "AWS::S3::Bucket", "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/DocsBucket/Resource"}},
              "DocsBucketPolicy5F5E0A1B": {"Type": "AWS::S3::BucketPolicy",
                "Properties": {"Bucket": {"Ref": "DocsBucket9D3E1F0A"},
                  "PolicyDocument": {"Statement": [{"Action": "s3:*",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    "Effect": "Deny", "Principal": {"AWS": "*"},
                    "Resource": [{"Fn::GetAtt": ["DocsBucket9D3E1F0A", "Arn"]},
                                 {"Fn::Join": ["", [{"Fn::GetAtt": ["DocsBucket9D3E1F0A", "Arn"]}, "/*"]]}]}],
                  "Version": "2012-10-17"}},
                "Metadata": {"aws:cdk:path": "App/DocsBucket/Policy/Resource"}},
              "LogsBucketE3F2A8C1": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "App/LogsBucket/Resource"}},
              "ReadBucket77A1B2C3": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "App/ReadBucket/Resource"}},
              "ReadBucketPolicy0C1D2E3F": {"Type": "AWS::S3::BucketPolicy",
                "Properties": {"Bucket": {"Ref": "ReadBucket77A1B2C3"},
                  "PolicyDocument": {"Statement": [{"Action": "s3:GetObject", "Effect": "Allow",
                    "Principal": {"Service": "cloudfront.amazonaws.com"},
                    "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["ReadBucket77A1B2C3", "Arn"]}, "/*"]]}}],
                  "Version": "2012-10-17"}}}
            }}""";

    private static final String YAML = """
            Parameters:
              PolicyDoc:
                Type: String
            Resources:
              Named:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: reports-bucket
              NamedPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: reports-bucket
                  PolicyDocument:
                    Statement:
                      - Sid: TlsOnly
                        Effect: Deny
                        Principal: '*'
                        Action: '*'
                        Resource: !Sub '${Named.Arn}/*'
                        Condition:
                          BoolIfExists:
                            aws:SecureTransport: false
              OnlyGets:
                Type: AWS::S3::Bucket
              OnlyGetsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref OnlyGets
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal: '*'
                        Action: s3:GetObject
                        Resource: !Sub '${OnlyGets.Arn}/*'
                        Condition:
                          Bool:
                            aws:SecureTransport: 'false'
              OnePrincipal:
                Type: AWS::S3::Bucket
              OnePrincipalPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref OnePrincipal
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal:
                          AWS: arn:aws:iam::111122223333:root
                        Action: s3:*
                        Resource: !GetAtt OnePrincipal.Arn
                        Condition:
                          Bool:
                            aws:SecureTransport: false
              AllowInsteadOfDeny:
                Type: AWS::S3::Bucket
              AllowInsteadOfDenyPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref AllowInsteadOfDeny
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: '*'
                        Action: s3:*
                        Resource: '*'
                        Condition:
                          Bool:
                            aws:SecureTransport: false
              FromParameter:
                Type: AWS::S3::Bucket
              FromParameterPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref FromParameter
                  PolicyDocument: !Ref PolicyDoc
            """;

    @Test
    void cdkEnforceSslPasses() {
        Finding f = assertStatus(Status.PASS, rule, CDK, "DocsBucket9D3E1F0A");
        assertTrue(f.message().contains("DocsBucketPolicy5F5E0A1B"), f.message());
        assertTrue(f.resource().cdkPath().equals("App/DocsBucket/Resource"));
    }

    @Test
    void bucketWithoutPolicyFails() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "LogsBucketE3F2A8C1");
        assertTrue(f.message().contains("no bucket policy denies aws:SecureTransport false"), f.message());
    }

    @Test
    void policyWithoutTheDenyFailsAndIsNamed() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ReadBucket77A1B2C3");
        assertTrue(f.message().contains("ReadBucketPolicy0C1D2E3F"), f.message());
    }

    @Test
    void yamlPolicyMatchedByBucketNameWithBoolIfExistsPasses() {
        Finding f = assertStatus(Status.PASS, rule, YAML, "Named");
        assertTrue(f.message().contains("TlsOnly"), f.message());
    }

    @Test
    void narrowDenialsDoNotCount() {
        assertStatus(Status.FAIL, rule, YAML, "OnlyGets");
        assertStatus(Status.FAIL, rule, YAML, "OnePrincipal");
        assertStatus(Status.FAIL, rule, YAML, "AllowInsteadOfDeny");
    }

    @Test
    void policyDocumentFromParameterIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParameter");
        assertTrue(f.message().startsWith("cannot verify") && f.message().contains("Ref PolicyDoc"), f.message());
    }
}
