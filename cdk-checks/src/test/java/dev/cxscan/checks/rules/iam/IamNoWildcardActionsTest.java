package dev.cxscan.checks.rules.iam;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class IamNoWildcardActionsTest {
    private final IamNoWildcardActions rule = new IamNoWildcardActions();

    @Test
    void cdkServiceWildcardFailsNamingPolicyAndActions() {
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "DataPolicy3F2E1D0C");
        assertTrue(f.message().contains("managed policy 'DataPolicy3F2E1D0C'"), f.message());
        assertTrue(f.message().contains("\"s3:*\"") && f.message().contains("\"kms:*\""), f.message());
    }

    @Test
    void cdkGrantPoliciesPass() {
        Finding f = assertStatus(Status.PASS, rule, IamTemplates.CDK, "HandlerServiceRoleDefaultPolicyCBD0CC91");
        assertTrue(f.message().contains("2 Allow statement(s)"), f.message());
        // s3:GetObject* is a partial pattern, not "service:*"
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "PartnerAuditRoleC0FFEE11");
    }

    @Test
    void aRoleIsJudgedOnThePoliciesAttachedToItAndAwsManagedOnesAreNotRead() {
        // DataPolicy lists the role in its Roles: the role holds s3:* and kms:*
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "HandlerServiceRoleFCDC14AE");
        assertTrue(f.message().contains("managed policy 'DataPolicy3F2E1D0C' (DataPolicy3F2E1D0C) statement 1 allows \"s3:*\""),
                f.message());
        assertNoFinding(rule, IamTemplates.CDK, "OpsAdminRoleB9A5F2C4");
    }

    @Test
    void yamlStarAndNotActionFail() {
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "GodPolicy").message().contains("\"*\""));
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "PowerUserPolicy");
        assertTrue(f.message().contains("policy 'power'") && f.message().contains("NotAction \"iam:*\""), f.message());
        // its inline policy names actions, but PowerUserPolicy (Roles: [!Ref AppRole]) gives it NotAction iam:*
        Finding role = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "AppRole");
        assertTrue(role.message().contains("policy 'power' (PowerUserPolicy)") && !role.message().contains("inline policy 'app'"),
                role.message());
    }

    @Test
    void denyWildcardsAndTrustPolicyWildcardsAreNotJudged() {
        String t = """
                Resources:
                  Guard:
                    Type: AWS::IAM::Group
                    Properties:
                      Policies:
                        - PolicyName: guard
                          PolicyDocument:
                            Statement:
                              - {Effect: Deny, Action: "s3:*", Resource: "*"}
                              - {Effect: Allow, Action: "s3:Put*", Resource: "arn:aws:s3:::b/*"}
                  TrustStar:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "*"}]}
                      Policies:
                        - PolicyName: p
                          PolicyDocument: {Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}]}
                """;
        assertStatus(Status.PASS, rule, t, "Guard");
        assertStatus(Status.PASS, rule, t, "TrustStar");
    }

    @Test
    void actionsBuiltWithJoinAreRenderedAndParametersAreUnresolved() {
        String t = """
                Parameters:
                  Svc: {Type: String}
                Resources:
                  Joined:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: joined
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: [!Join ["", ["dynamodb", ":*"]]]
                            Resource: "*"
                  FromParam:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: fromparam
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: !Sub "${Svc}:GetObject"
                            Resource: "*"
                  WholeDocFromParam:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: whole
                      PolicyDocument: !Ref Svc
                """;
        assertTrue(assertStatus(Status.FAIL, rule, t, "Joined").message().contains("\"dynamodb:*\""));
        assertTrue(assertStatus(Status.FAIL, rule, t, "FromParam").message().contains("cannot verify"));
        assertTrue(assertStatus(Status.FAIL, rule, t, "WholeDocFromParam").message().contains("Ref Svc"));
    }

    @Test
    void liveRoleWithUrlEncodedInlinePolicyIsRead() {
        Finding f = LiveIam.evaluate(rule, LiveIam.role("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"lambda.amazonaws.com"}}]}""",
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:*"],"Resource":"arn:aws:sqs:us-east-1:123456789012:q"}]}"""));
        assertTrue(f.status() == Status.FAIL && f.message().contains("\"sqs:*\""), f.message());
    }
}
