package dev.cxscan.checks.rules.iam;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class IamNoWildcardResourcesTest {
    private final IamNoWildcardResources rule = new IamNoWildcardResources();

    @Test
    void cdkGeneratedStarStatementsPass() {
        // Lambda tracing (xray:Put* on "*") and CodeBuild's VPC ENI policy are what aws-cdk-lib writes
        Finding traced = assertStatus(Status.PASS, rule, IamTemplates.CDK, "HandlerServiceRoleDefaultPolicyCBD0CC91");
        assertTrue(traced.message().contains("1 statement(s) on Resource \"*\""), traced.message());
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "BuildPolicyDocument5E6F7A8B");
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.CDK, "PartnerAuditRoleC0FFEE11").message()
                .contains("specific resources"));
    }

    @Test
    void cdkWriteActionOnStarFails() {
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "DataPolicy3F2E1D0C");
        assertTrue(f.message().contains("statement 2") && f.message().contains("\"kms:*\""), f.message());
        assertFalse(f.message().contains("s3:*"), "s3:* is on a table ARN, not \"*\": " + f.message());
    }

    @Test
    void yamlPutMetricDataPassesNotActionAndStarFail() {
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "PowerUserPolicy").message().contains("NotAction"));
        // AppRole's own Metrics statement (PutMetricData on "*") passes; the NotAction policy attached to it does not
        Finding role = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "AppRole");
        assertTrue(role.message().contains("policy 'power' (PowerUserPolicy)") && !role.message().contains("Metrics"), role.message());
        assertStatus(Status.FAIL, rule, IamTemplates.YAML, "GodPolicy");
    }

    @Test
    void readOnlyPrefixesPassAndMixedStatementsFail() {
        String t = """
                Resources:
                  ReadOnly:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: ro
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: [s3:Get*, s3:List*, ec2:describeinstances, ecr:GetAuthorizationToken], Resource: "*"}
                  Mixed:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: mixed
                      PolicyDocument:
                        Statement:
                          - {Sid: Logs, Effect: Allow, Action: [logs:DescribeLogGroups, logs:PutRetentionPolicy], Resource: ["*"]}
                  EverythingButABucket:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: nr
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: s3:DeleteObject, NotResource: "arn:aws:s3:::keep/*"}
                  ResourceFromParam:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: rp
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: s3:DeleteObject, Resource: !Ref Target}
                Parameters:
                  Target: {Type: String}
                """;
        assertStatus(Status.PASS, rule, t, "ReadOnly");
        Finding mixed = assertStatus(Status.FAIL, rule, t, "Mixed");
        assertTrue(mixed.message().contains("statement 'Logs'") && mixed.message().contains("logs:PutRetentionPolicy")
                && !mixed.message().contains("DescribeLogGroups"), mixed.message());
        assertTrue(assertStatus(Status.FAIL, rule, t, "EverythingButABucket").message().contains("NotResource"));
        assertTrue(assertStatus(Status.FAIL, rule, t, "ResourceFromParam").message().contains("cannot verify"));
    }

    @Test
    void readOnlyClassification() {
        assertTrue(IamPolicies.isReadOnly("s3:GetObject"));
        assertTrue(IamPolicies.isReadOnly("EC2:DescribeInstances"));
        assertTrue(IamPolicies.isReadOnly("xray:BatchGetTraces"));
        assertFalse(IamPolicies.isReadOnly("s3:*"));
        assertFalse(IamPolicies.isReadOnly("*"));
        assertFalse(IamPolicies.isReadOnly("s3:PutObject"));
        assertFalse(IamPolicies.isReadOnly("dynamodb:BatchGetItem"), "BatchGet supports resource-level permissions");
        assertTrue(IamPolicies.starAcceptable("xray:PutTraceSegments"));
        assertFalse(IamPolicies.starAcceptable("logs:PutLogEvents"));
    }
}
