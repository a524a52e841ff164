package dev.cxscan.checks.rules.iam;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class IamRoleTrustRestrictedTest {
    private final IamRoleTrustRestricted rule = new IamRoleTrustRestricted();

    @Test
    void cdkServiceAndAccountRootPrincipalsPass() {
        assertTrue(assertStatus(Status.PASS, rule, IamTemplates.CDK, "HandlerServiceRoleFCDC14AE").message().contains("Service"));
        Finding own = assertStatus(Status.PASS, rule, IamTemplates.CDK, "OpsAdminRoleB9A5F2C4");
        assertTrue(own.message().contains("this account"), own.message());
    }

    @Test
    void cdkCrossAccountNeedsExternalId() {
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "PartnerAuditRoleC0FFEE11");
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "PartnerOpenRoleDEADBEEF");
        assertTrue(f.message().contains("111122223333") && f.message().contains("sts:ExternalId"), f.message());
        assertEquals("App/PartnerOpen/Resource", f.resource().cdkPath());
    }

    @Test
    void onlyRolesAreJudged() {
        assertNoFinding(rule, IamTemplates.CDK, "HandlerServiceRoleDefaultPolicyCBD0CC91");
    }

    @Test
    void yamlPublicFailsOrgConditionPassesParameterIsUnresolved() {
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "PublicRole").message().contains("Principal \"*\""));
        assertStatus(Status.PASS, rule, IamTemplates.YAML, "OrgRole");
        assertStatus(Status.PASS, rule, IamTemplates.YAML, "BreakGlassRole");
        Finding p = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "ParamPolicyRole");
        assertTrue(p.message().contains("cannot verify") && p.message().contains("TrustedAccount"), p.message());
    }

    @Test
    void weakConditionsDoNotRestrict() {
        String t = """
                Resources:
                  NullTest:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "444455556666"}
                            Action: sts:AssumeRole
                            Condition: {"Null": {"sts:ExternalId": "false"}}
                  IfExists:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "arn:aws:iam::444455556666:role/ci"}
                            Action: sts:AssumeRole
                            Condition: {StringEqualsIfExists: {"sts:ExternalId": "abc"}}
                  OrgScoped:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: ["arn:aws:iam::444455556666:role/ci"]}
                            Action: sts:AssumeRole
                            Condition: {StringEquals: {"aws:PrincipalOrgID": "o-abc123"}}
                  SourceAccountOnStar:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "*"}
                            Action: sts:AssumeRole
                            Condition: {StringEquals: {"aws:SourceAccount": !Ref "AWS::AccountId"}}
                  OwnAccountOnStar:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: "*"}
                            Action: sts:AssumeRole
                            Condition: {StringEquals: {"aws:PrincipalAccount": !Ref "AWS::AccountId"}}
                  NotPrincipal:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            NotPrincipal: {AWS: "arn:aws:iam::444455556666:root"}
                            Action: sts:AssumeRole
                  Federated:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Federated: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"}
                            Action: sts:AssumeRoleWithWebIdentity
                            Condition: {StringLike: {"token.actions.githubusercontent.com:sub": "repo:org/app:*"}}
                  SameStackRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {AWS: !GetAtt Federated.Arn}
                            Action: sts:AssumeRole
                  NoTrust:
                    Type: AWS::IAM::Role
                """;
        assertStatus(Status.FAIL, rule, t, "NullTest");
        assertStatus(Status.FAIL, rule, t, "IfExists");
        assertStatus(Status.PASS, rule, t, "OrgScoped");
        assertStatus(Status.FAIL, rule, t, "SourceAccountOnStar");
        assertStatus(Status.PASS, rule, t, "OwnAccountOnStar");
        assertTrue(assertStatus(Status.FAIL, rule, t, "NotPrincipal").message().contains("NotPrincipal"));
        assertTrue(assertStatus(Status.PASS, rule, t, "Federated").message().contains("Federated"));
        assertStatus(Status.PASS, rule, t, "SameStackRole");
        assertStatus(Status.FAIL, rule, t, "NoTrust");
    }

    @Test
    void trustPolicyWrittenAsSubOfJsonIsRendered() {
        String t = """
                Resources:
                  SubDoc:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: !Sub |
                        {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                          "Principal": {"AWS": "arn:${AWS::Partition}:iam::999988887777:root"}}]}
                """;
        assertTrue(assertStatus(Status.FAIL, rule, t, "SubDoc").message().contains("999988887777"));
    }

    @Test
    void liveRoleKnowsItsOwnAccount() {
        Finding own = LiveIam.evaluate(rule, LiveIam.role("""
                {"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::123456789012:root"}}]}""", null));
        assertEquals(Status.PASS, own.status(), own.message());
        Finding other = LiveIam.evaluate(rule, LiveIam.role("""
                {"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::210987654321:root"}}]}""", null));
        assertEquals(Status.FAIL, other.status(), other.message());
    }
}
