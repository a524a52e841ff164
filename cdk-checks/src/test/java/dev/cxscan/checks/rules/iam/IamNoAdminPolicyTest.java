package dev.cxscan.checks.rules.iam;

import static dev.cxscan.checks.RuleTester.assertNoFinding;
import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class IamNoAdminPolicyTest {
    private final IamNoAdminPolicy rule = new IamNoAdminPolicy();

    @Test
    void cdkAdministratorAccessBuiltWithJoinFails() {
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.CDK, "OpsAdminRoleB9A5F2C4");
        assertTrue(f.message().contains("AdministratorAccess"), f.message());
        assertEquals("App/OpsAdminRole/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkScopedPoliciesAndOtherManagedPoliciesPass() {
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "HandlerServiceRoleFCDC14AE");
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "HandlerServiceRoleDefaultPolicyCBD0CC91");
        // kms:* on "*" is not Action "*": the wildcard checks judge it
        assertStatus(Status.PASS, rule, IamTemplates.CDK, "DataPolicy3F2E1D0C");
    }

    @Test
    void roleWithoutAnyPolicyHasNoFinding() {
        assertNoFinding(rule, IamTemplates.CDK, "PartnerOpenRoleDEADBEEF");
    }

    @Test
    void yamlSubArnStarPolicyAndGovCloudArnFail() {
        assertTrue(assertStatus(Status.FAIL, rule, IamTemplates.YAML, "BreakGlassRole").message().contains("AdministratorAccess"));
        Finding god = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "GodPolicy");
        assertTrue(god.message().contains("managed policy 'GodPolicy' statement 1"), god.message());
        assertStatus(Status.FAIL, rule, IamTemplates.YAML, "Admins");
        assertStatus(Status.PASS, rule, IamTemplates.YAML, "AppRole");
        assertStatus(Status.PASS, rule, IamTemplates.YAML, "PowerUserPolicy");
    }

    @Test
    void managedPolicyArnFromParameterWithoutDefaultIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "ParamPolicyRole");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("PolicyArn"), f.message());
    }

    @Test
    void similarlyNamedAwsPoliciesAndDenyStatementsPass() {
        String t = """
                Resources:
                  Amplify:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: amplify.amazonaws.com}, Action: sts:AssumeRole}]}
                      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess-Amplify]
                  DenyAll:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: deny
                      PolicyDocument: {Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}
                  AllButOne:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: allbutone
                      PolicyDocument: {Statement: [{Effect: Allow, Action: ["*"], NotResource: "arn:aws:s3:::audit/*"}]}
                  NothingReally:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: nothing
                      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", NotResource: "*"}]}
                """;
        assertStatus(Status.PASS, rule, t, "Amplify");
        assertStatus(Status.PASS, rule, t, "DenyAll");
        assertTrue(assertStatus(Status.FAIL, rule, t, "AllButOne").message().contains("NotResource"));
        assertStatus(Status.PASS, rule, t, "NothingReally");
    }

    @Test
    void severalOffencesGiveOneFindingListingThem() {
        String t = """
                {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {
                  "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                  "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"],
                  "Policies": [{"PolicyName": "a", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": ["*"]}]}},
                               {"PolicyName": "b", "PolicyDocument": "{\\"Statement\\": [{\\"Sid\\": \\"Boom\\", \\"Effect\\": \\"Allow\\", \\"Action\\": \\"*:*\\", \\"Resource\\": \\"*\\"}]}"}]}}}}
                """;
        Finding f = assertStatus(Status.FAIL, rule, t, "R");
        assertTrue(f.message().contains("AdministratorAccess"), f.message());
        assertTrue(f.message().contains("inline policy 'a' statement 1"), f.message());
        assertTrue(f.message().contains("inline policy 'b' statement 'Boom'"), f.message());
    }

    @Test
    void actionFromParameterOnStarIsUnresolved() {
        String t = """
                Parameters:
                  Act: {Type: String}
                Resources:
                  P:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument: {Statement: [{Effect: Allow, Action: !Ref Act, Resource: "*"}]}
                """;
        assertTrue(assertStatus(Status.FAIL, rule, t, "P").message().contains("Ref Act"));
    }

    @Test
    void adminArnPatternMatchesPartitionsOnly() {
        assertTrue(IamNoAdminPolicy.ADMIN_ARN.matcher("arn:aws-cn:iam::aws:policy/AdministratorAccess").matches());
        assertTrue(IamNoAdminPolicy.ADMIN_ARN.matcher("arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess").matches());
        assertTrue(!IamNoAdminPolicy.ADMIN_ARN.matcher("arn:aws:iam::123456789012:policy/AdministratorAccess").matches());
        assertTrue(IamNoAdminPolicy.mightBeAdmin("arn:aws:iam::aws:policy/${?Name}"));
        assertTrue(!IamNoAdminPolicy.mightBeAdmin("arn:${AWS::Partition}:iam::${?Acct}:policy/ReadOnly"));
    }
}
