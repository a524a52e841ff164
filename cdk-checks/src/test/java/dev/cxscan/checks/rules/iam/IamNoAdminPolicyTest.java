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
        Finding member = assertStatus(Status.FAIL, rule, IamTemplates.YAML, "PlainUser");
        assertTrue(member.message().contains("through group 'Admins': attaches the AWS-managed AdministratorAccess"), member.message());
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

    /** Principals that hold a "*"-on-"*" policy of the same template, each way CloudFormation attaches one. */
    static final String HOLDERS = """
            Resources:
              AdminPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  ManagedPolicyName: AdminPolicy
                  Users: [named-user]
                  PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
              ReadPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::docs/*"}]}
              RefRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  ManagedPolicyArns: [!Ref AdminPolicy]
              SubRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  ManagedPolicyArns: [!Sub "${AdminPolicy}"]
              InlineAttachedRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: ops
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
              OpsPolicy:
                Type: AWS::IAM::RolePolicy
                Properties:
                  RoleName: ops
                  PolicyName: ops-everything
                  PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
              ReaderRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
                  ManagedPolicyArns: [!Ref ReadPolicy, "arn:aws:iam::aws:policy/ReadOnlyAccess"]
              NamedUser:
                Type: AWS::IAM::User
                Properties:
                  UserName: named-user
              Operators:
                Type: AWS::IAM::Group
                Properties:
                  Policies: [{PolicyName: all, PolicyDocument: {Statement: [{Effect: Allow, Action: "*:*", Resource: "*"}]}}]
              Member:
                Type: AWS::IAM::User
              Membership:
                Type: AWS::IAM::UserToGroupAddition
                Properties:
                  GroupName: !Ref Operators
                  Users: [!Ref Member]
              Outsider:
                Type: AWS::IAM::User
                Properties:
                  Groups: [ops-of-another-stack]
                  Policies: [{PolicyName: own, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}}]
            """;

    @Test
    void aRoleAttachingACustomerManagedAdminPolicyFailsNamingThePolicy() {
        Finding ref = assertStatus(Status.FAIL, rule, HOLDERS, "RefRole");
        assertTrue(ref.message().contains("attached managed policy 'AdminPolicy' (AdminPolicy) statement 1 allows Action \"*\" "
                + "on Resource \"*\""), ref.message());
        assertTrue(assertStatus(Status.FAIL, rule, HOLDERS, "SubRole").message().contains("'AdminPolicy'"));
        assertTrue(assertStatus(Status.FAIL, rule, HOLDERS, "InlineAttachedRole").message()
                .contains("policy 'ops-everything' (OpsPolicy)"));
        // the policy keeps its own finding
        assertStatus(Status.FAIL, rule, HOLDERS, "AdminPolicy");
    }

    @Test
    void usersHoldThePoliciesNamingThemAndTheirGroups() {
        assertTrue(assertStatus(Status.FAIL, rule, HOLDERS, "NamedUser").message().contains("managed policy 'AdminPolicy'"));
        Finding member = assertStatus(Status.FAIL, rule, HOLDERS, "Member");
        assertTrue(member.message().contains("through group 'Operators': inline policy 'all' statement 1"), member.message());
        assertStatus(Status.FAIL, rule, HOLDERS, "Operators");
    }

    @Test
    void principalsHoldingOnlyScopedPoliciesPassSayingWhatWasRead() {
        Finding reader = assertStatus(Status.PASS, rule, HOLDERS, "ReaderRole");
        assertTrue(reader.message().contains("1 statement(s) read in 1 policy held"), reader.message());
        Finding outsider = assertStatus(Status.PASS, rule, HOLDERS, "Outsider");
        assertTrue(outsider.message().contains("not read: group 'ops-of-another-stack' (not in this template)"),
                outsider.message());
    }

    @Test
    void liveRoleAttachingACustomerManagedAdminPolicyFailsNamingItsArn() {
        String arn = "arn:aws:iam::" + LiveIam.ACCOUNT + ":policy/AdminPolicy";
        var policy = LiveIam.resource("AWS::IAM::ManagedPolicy", "AdminPolicy", arn,
                "{\"ManagedPolicyName\":\"AdminPolicy\",\"PolicyDocument\":{\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}");
        var role = LiveIam.resource("AWS::IAM::Role", "deployer", "arn:aws:iam::" + LiveIam.ACCOUNT + ":role/deployer",
                "{\"RoleName\":\"deployer\",\"ManagedPolicyArns\":[\"" + arn + "\"]}");
        var group = LiveIam.resource("AWS::IAM::Group", "admins", "arn:aws:iam::" + LiveIam.ACCOUNT + ":group/admins",
                "{\"GroupName\":\"admins\",\"ManagedPolicyArns\":[\"" + arn + "\"]}");
        var member = LiveIam.resource("AWS::IAM::User", "carol", "arn:aws:iam::" + LiveIam.ACCOUNT + ":user/carol",
                "{\"UserName\":\"carol\",\"Groups\":[\"admins\"]}");
        var loner = LiveIam.resource("AWS::IAM::User", "dave", "arn:aws:iam::" + LiveIam.ACCOUNT + ":user/dave",
                "{\"UserName\":\"dave\",\"Groups\":[],\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}");
        var stray = LiveIam.resource("AWS::IAM::Role", "stray", "arn:aws:iam::" + LiveIam.ACCOUNT + ":role/stray",
                "{\"RoleName\":\"stray\",\"ManagedPolicyArns\":[\"arn:aws:iam::" + LiveIam.ACCOUNT + ":policy/Gone\"]}");
        var findings = LiveIam.evaluateAll(rule, policy, role, group, member, loner, stray);

        Finding r = findings.get("deployer");
        assertEquals(Status.FAIL, r.status(), r.message());
        assertTrue(r.message().contains("attached managed policy 'AdminPolicy' (" + arn + ") statement 1 allows Action \"*\""),
                r.message());
        Finding m = findings.get("carol");
        assertEquals(Status.FAIL, m.status(), m.message());
        assertTrue(m.message().contains("through group 'admins': attached managed policy 'AdminPolicy'"), m.message());
        assertEquals(Status.PASS, findings.get("dave").status(), findings.get("dave").message());
        Finding s = findings.get("stray");
        assertEquals(Status.FAIL, s.status(), "a customer policy the scan did not read is never a pass: " + s.message());
        assertTrue(s.message().contains("cannot verify") && s.message().contains("policy/Gone"), s.message());
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
