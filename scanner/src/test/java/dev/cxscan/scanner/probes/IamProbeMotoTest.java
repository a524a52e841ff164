package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.iam.IamAdminNotAttachedToUsers;
import dev.cxscan.scanner.probes.iam.IamPasswordPolicyStrong;
import dev.cxscan.scanner.probes.iam.IamProbe;
import dev.cxscan.scanner.probes.iam.IamUserConsoleMfa;
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

        Finding admin = new IamAdminNotAttachedToUsers().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.FAIL, admin.status(), admin.message());
        assertTrue(admin.message().contains("user bob"), admin.message());
        Finding mfa = new IamUserConsoleMfa().evaluate(inv, Facts.ACCOUNT).get(0);
        assertEquals(Status.FAIL, mfa.status(), mfa.message());
        assertTrue(mfa.message().contains("alice"), mfa.message());
        assertEquals(Status.FAIL, new IamPasswordPolicyStrong().evaluate(inv, Facts.ACCOUNT).get(0).status());
        assertEquals(Status.FAIL, new RootMfaEnabled().evaluate(inv, Facts.ACCOUNT).get(0).status(), "moto reports AccountMFAEnabled 0");
        assertEquals(List.of(), inv.errors());
        assertTrue(inv.fact(IamProbe.SAML).orElseThrow().size() == 1);
    }
}
