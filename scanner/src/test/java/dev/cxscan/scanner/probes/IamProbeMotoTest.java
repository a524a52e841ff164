package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.iam.IamPasswordPolicyStrong;
import dev.cxscan.scanner.probes.iam.IamProbe;
import dev.cxscan.scanner.probes.iam.RootMfaEnabled;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

class IamProbeMotoTest extends MotoTestBase {
    static final String TRUST_ANYONE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::docs/*\"}]}";

    @Test
    void oneAuthorizationDetailsPassGivesRolesUsersGroupsPoliciesInCloudFormationShape() {
        IamClient iam = client(IamClient.class);
        iam.createUser(b -> b.userName("alice"));
        iam.putUserPolicy(b -> b.userName("alice").policyName("everything").policyDocument(ADMIN));
        iam.createLoginProfile(b -> b.userName("alice").password("Passw0rd!Passw0rd!"));
        iam.createUser(b -> b.userName("bob"));
        iam.attachUserPolicy(b -> b.userName("bob").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        iam.createGroup(b -> b.groupName("ops"));
        iam.createRole(b -> b.roleName("open-role").assumeRolePolicyDocument(TRUST_ANYONE));
        iam.createRole(b -> b.roleName("app-role").assumeRolePolicyDocument(TRUST_LAMBDA));
        String policyArn = iam.createPolicy(b -> b.policyName("docs-read").policyDocument(READ)).policy().arn();
        iam.attachRolePolicy(b -> b.roleName("app-role").policyArn(policyArn));
        iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(8));
        iam.createSAMLProvider(b -> b.name("corp").samlMetadataDocument("x".repeat(1000)));

        LiveInventory inv = read(new IamProbe(Duration.ofSeconds(10), Duration.ofMillis(100)));

        assertEquals(List.of(), inv.errors());
        Resource alice = resource(inv, "AWS::IAM::User", "alice");
        JsonNode doc = alice.property("Policies").get(0).path("PolicyDocument");
        assertTrue(doc.isObject(), "documents are URL-decoded and parsed: " + doc);
        assertEquals("*", doc.path("Statement").get(0).path("Action").asText());
        Resource app = resource(inv, "AWS::IAM::Role", "app-role");
        assertEquals(policyArn, app.property("ManagedPolicyArns").get(0).asText());
        assertEquals("lambda.amazonaws.com", app.property("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal").path("Service").asText());
        Resource managed = resource(inv, "AWS::IAM::ManagedPolicy", "docs-read");
        assertEquals("s3:GetObject", managed.property("PolicyDocument").path("Statement").get(0).path("Action").asText());
        assertTrue(resources(inv, "AWS::IAM::ManagedPolicy").stream().noneMatch(r -> r.id().equals("AdministratorAccess")),
                "AWS-managed policies are not read as customer policies");

        assertRule(Status.FAIL, inv, "iam_no_admin_policy", "alice");
        assertRule(Status.FAIL, inv, "iam_no_admin_policy", "bob");
        assertRule(Status.PASS, inv, "iam_no_admin_policy", "docs-read");
        assertRule(Status.FAIL, inv, "iam_role_trust_restricted", "open-role");
        assertRule(Status.PASS, inv, "iam_role_trust_restricted", "app-role");

        assertRule(Status.FAIL, inv, "iam_admin_not_attached_to_users", "bob");
        assertRule(Status.PASS, inv, "iam_admin_not_attached_to_users", "alice");
        assertRule(Status.PASS, inv, "iam_admin_not_attached_to_users", "ops");
        Finding mfa = rule(inv, "iam_user_console_mfa", "alice");
        assertEquals(Status.FAIL, mfa.status(), mfa.message());
        assertEquals("AWS::IAM::User", mfa.resource().type());
        assertEquals(alice.location(), mfa.resource(), "the same resource as the rules' findings on alice");
        assertRule(Status.PASS, inv, "iam_user_console_mfa", "bob");
        assertEquals(Status.FAIL, new IamPasswordPolicyStrong().evaluate(inv, Facts.ACCOUNT).get(0).status());
        assertEquals(Status.FAIL, new RootMfaEnabled().evaluate(inv, Facts.ACCOUNT).get(0).status(), "moto reports AccountMFAEnabled 0");
        assertEquals(List.of(), inv.errors());
        assertTrue(inv.fact(IamProbe.SAML).orElseThrow().size() == 1);
    }

    /**
     * What a principal holds, read live: a role attaching a customer-managed "*"-on-"*" policy and a user in a group
     * holding one FAIL iam_no_admin_policy naming the policy; console MFA and access keys give one row per user.
     */
    @Test
    void principalsAreJudgedOnWhatTheyHoldAndEveryUserHasItsOwnRow() {
        IamClient iam = client(IamClient.class);
        String adminArn = iam.createPolicy(b -> b.policyName("HoldAdmin").policyDocument(ADMIN)).policy().arn();
        String readArn = iam.createPolicy(b -> b.policyName("HoldRead").policyDocument(READ)).policy().arn();
        iam.createRole(b -> b.roleName("hold-deployer").assumeRolePolicyDocument(TRUST_LAMBDA));
        iam.attachRolePolicy(b -> b.roleName("hold-deployer").policyArn(adminArn));
        iam.createRole(b -> b.roleName("hold-reader").assumeRolePolicyDocument(TRUST_LAMBDA));
        iam.attachRolePolicy(b -> b.roleName("hold-reader").policyArn(readArn));
        iam.createGroup(b -> b.groupName("hold-admins"));
        iam.attachGroupPolicy(b -> b.groupName("hold-admins").policyArn(adminArn));
        iam.createUser(b -> b.userName("hold-member"));
        iam.addUserToGroup(b -> b.groupName("hold-admins").userName("hold-member"));
        iam.createUser(b -> b.userName("hold-mfa"));
        iam.createLoginProfile(b -> b.userName("hold-mfa").password("Passw0rd!Passw0rd!"));
        String serial = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("hold-mfa")).virtualMFADevice().serialNumber();
        iam.enableMFADevice(b -> b.userName("hold-mfa").serialNumber(serial).authenticationCode1("123456")
                .authenticationCode2("654321"));
        iam.createUser(b -> b.userName("hold-keys"));
        iam.createAccessKey(b -> b.userName("hold-keys"));

        LiveInventory inv = read(new IamProbe(Duration.ofSeconds(10), Duration.ofMillis(100)));

        Finding deployer = rule(inv, "iam_no_admin_policy", "hold-deployer");
        assertEquals(Status.FAIL, deployer.status(), deployer.message());
        assertTrue(deployer.message().contains("attached managed policy 'HoldAdmin' (" + adminArn + ") statement 1 allows "
                + "Action \"*\" on Resource \"*\""), deployer.message());
        assertRule(Status.FAIL, inv, "iam_no_admin_policy", "HoldAdmin");
        assertRule(Status.PASS, inv, "iam_no_admin_policy", "hold-reader");
        assertRule(Status.PASS, inv, "iam_no_wildcard_resources", "hold-reader");
        assertRule(Status.FAIL, inv, "iam_no_wildcard_actions", "hold-deployer");
        Finding member = rule(inv, "iam_no_admin_policy", "hold-member");
        assertEquals(Status.FAIL, member.status(), member.message());
        assertTrue(member.message().contains("through group 'hold-admins': attached managed policy 'HoldAdmin'"), member.message());
        assertRule(Status.FAIL, inv, "iam_no_admin_policy", "hold-admins");

        assertRule(Status.PASS, inv, "iam_user_console_mfa", "hold-mfa");
        Finding noConsole = rule(inv, "iam_user_console_mfa", "hold-keys");
        assertEquals(Status.PASS, noConsole.status());
        assertTrue(noConsole.message().contains("no console password"), noConsole.message());
        Finding keys = rule(inv, "iam_access_keys_rotated", "hold-keys");
        assertEquals(Status.PASS, keys.status(), keys.message());
        assertTrue(keys.message().contains("key 1 rotated 0 days ago"), keys.message());
        assertEquals("arn:aws:iam::" + Facts.ACCOUNT + ":user/hold-keys", keys.resource().arn());
        assertTrue(rule(inv, "iam_access_keys_rotated", "hold-mfa").message().contains("no active access key"));
        assertTrue(findings(inv).stream().filter(f -> f.check().equals("iam_user_console_mfa"))
                .allMatch(f -> f.resource().type().equals("AWS::IAM::User")), "no account-level row when users exist");
    }
}
