package dev.cxscan.scanner.probes.iam;

import static dev.cxscan.scanner.probes.Facts.failed;
import static dev.cxscan.scanner.probes.Facts.one;
import static dev.cxscan.scanner.probes.Facts.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.Facts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamLiveChecksTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date";

    static LiveInventory report(String... rows) {
        LiveInventory inv = new LiveInventory();
        com.fasterxml.jackson.databind.node.ObjectNode r = dev.cxscan.scanner.probes.ProbeSupport.obj();
        r.set("Rows", CredentialReport.parse(HEADER + "\n" + String.join("\n", rows)));
        inv.fact(IamProbe.CREDENTIAL_REPORT, r);
        return inv;
    }

    static final String ROOT_IDLE = "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
            + "2024-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,false,N/A,N/A";
    static final String ROOT_BUSY = "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
            + "2025-05-20T10:00:00+00:00,not_supported,not_supported,true,true,2025-05-01T00:00:00+00:00,2025-05-25T00:00:00+00:00,false,N/A,N/A";
    static final String ALICE_NO_MFA_OLD_KEY = "alice,arn:aws:iam::123456789012:user/alice,2020-01-01T00:00:00+00:00,true,"
            + "no_information,2020-01-01T00:00:00+00:00,N/A,false,true,2024-01-01T00:00:00+00:00,N/A,false,N/A,N/A";
    static final String BOB_OK = "bob,arn:aws:iam::123456789012:user/bob,2020-01-01T00:00:00+00:00,true,"
            + "no_information,2020-01-01T00:00:00+00:00,N/A,true,true,2025-05-01T00:00:00+00:00,N/A,false,N/A,N/A";

    @Test
    void rootMfa() {
        assertEquals(Status.PASS, one(new RootMfaEnabled(), with(IamProbe.SUMMARY, "{\"AccountMFAEnabled\":\"1\"}")).status());
        assertEquals(Status.FAIL, one(new RootMfaEnabled(), with(IamProbe.SUMMARY, "{\"AccountMFAEnabled\":\"0\"}")).status());
        Finding err = one(new RootMfaEnabled(), failed("iam:GetAccountSummary", "AccessDenied", null, "root_mfa_enabled"));
        assertEquals(Status.ERROR, err.status());
        assertTrue(err.message().contains("iam:GetAccountSummary") && err.message().contains("AccessDenied"), err.message());
        assertEquals(Status.ERROR, one(new RootMfaEnabled(), new LiveInventory()).status());
    }

    @Test
    void rootAccessKeys() {
        assertEquals(Status.PASS, one(new RootNoAccessKeys(), with(IamProbe.SUMMARY, "{\"AccountAccessKeysPresent\":\"0\"}")).status());
        assertEquals(Status.FAIL, one(new RootNoAccessKeys(), with(IamProbe.SUMMARY, "{\"AccountAccessKeysPresent\":\"1\"}")).status());
        assertEquals(Status.ERROR, one(new RootNoAccessKeys(), with(IamProbe.SUMMARY, "{\"Users\":\"3\"}")).status());
        assertEquals(Status.ERROR, one(new RootNoAccessKeys(), new LiveInventory()).status());
    }

    @Test
    void rootRecentUse() {
        assertEquals(Status.PASS, one(new RootNotUsedRecently(NOW), report(ROOT_IDLE, BOB_OK)).status());
        Finding busy = one(new RootNotUsedRecently(NOW), report(ROOT_BUSY));
        assertEquals(Status.FAIL, busy.status());
        assertTrue(busy.message().contains("password used 11 days ago") && busy.message().contains("access key 1"), busy.message());
        assertEquals(Status.ERROR, one(new RootNotUsedRecently(NOW), report(BOB_OK)).status(), "no root row is never a pass");
        assertEquals(Status.ERROR, one(new RootNotUsedRecently(NOW),
                failed("iam:GetCredentialReport", "ReportNotReady", null, "root_not_used_recently")).status());
    }

    static final String CAROL_NO_CONSOLE = "carol,arn:aws:iam::123456789012:user/carol,2020-01-01T00:00:00+00:00,false,"
            + "N/A,N/A,N/A,false,false,N/A,N/A,false,N/A,N/A";

    /** A live IAM principal as the IAM probe builds it (global: no region). */
    static Resource iam(String type, String name, String arn, String properties) {
        return Resource.live(type, name, arn, null, (com.fasterxml.jackson.databind.node.ObjectNode) Facts.json(properties));
    }

    /** Findings by resource id ("123456789012" for the account-level ones). */
    static Map<String, Finding> byResource(List<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        findings.forEach(f -> assertNull(out.put(f.resource().id(), f), "one finding per resource: " + findings));
        return out;
    }

    @Test
    void consoleMfaIsOneFindingPerUser() {
        Map<String, Finding> f = byResource(new IamUserConsoleMfa().evaluate(
                report(ROOT_IDLE, ALICE_NO_MFA_OLD_KEY, BOB_OK, CAROL_NO_CONSOLE), Facts.ACCOUNT));
        assertEquals(List.of("alice", "bob", "carol"), List.copyOf(f.keySet()), "no row for root: root_mfa_enabled judges it");
        Finding alice = f.get("alice");
        assertEquals(Status.FAIL, alice.status());
        assertEquals("AWS::IAM::User", alice.resource().type());
        assertEquals("arn:aws:iam::123456789012:user/alice", alice.resource().arn());
        assertTrue(alice.message().contains("console password and no MFA device"), alice.message());
        assertEquals(Status.PASS, f.get("bob").status());
        assertEquals(Status.PASS, f.get("carol").status());
        assertTrue(f.get("carol").message().contains("has no console password"), f.get("carol").message());
    }

    @Test
    void consoleMfaWithoutUsersIsNotApplicableAndWithoutAReportIsError() {
        Finding none = one(new IamUserConsoleMfa(), report(ROOT_IDLE));
        assertEquals(Status.NOT_APPLICABLE, none.status());
        assertEquals("AWS::::Account", none.resource().type());
        assertEquals(Status.ERROR, one(new IamUserConsoleMfa(), new LiveInventory()).status());
        assertEquals(Status.ERROR, one(new IamUserConsoleMfa(),
                failed("iam:GetCredentialReport", "AccessDenied", null, "iam_user_console_mfa")).status());
        String garbled = BOB_OK.replace(",true,no_information", ",maybe,no_information");
        assertEquals(Status.ERROR, one(new IamUserConsoleMfa(), report(garbled)).status(), "an unreadable flag is never a pass");
    }

    @Test
    void aUserFindingCarriesTheReferenceOfTheUserTheProbeRead() {
        LiveInventory inv = report(BOB_OK);
        Resource bob = iam("AWS::IAM::User", "bob", "arn:aws:iam::123456789012:user/bob", "{\"UserName\":\"bob\"}");
        inv.add(LiveInventory.GLOBAL, bob);
        assertSame(bob.location(), one(new IamUserConsoleMfa(), inv).resource());
    }

    @Test
    void accessKeysAreJudgedPerUserAndTheRootRowStaysAccountLevel() {
        Map<String, Finding> f = byResource(new IamAccessKeysRotated(NOW).evaluate(
                report(ROOT_BUSY, ALICE_NO_MFA_OLD_KEY, BOB_OK, CAROL_NO_CONSOLE), Facts.ACCOUNT));
        assertEquals(List.of(Facts.ACCOUNT, "alice", "bob", "carol"), List.copyOf(f.keySet()));
        assertEquals("AWS::::Account", f.get(Facts.ACCOUNT).resource().type());
        assertEquals(Status.PASS, f.get(Facts.ACCOUNT).status(), "root key 1 is 31 days old");
        Finding alice = f.get("alice");
        assertEquals(Status.FAIL, alice.status());
        assertEquals("arn:aws:iam::123456789012:user/alice", alice.resource().arn());
        assertTrue(alice.message().contains("key 1 (517 days old)"), alice.message());
        assertEquals(Status.PASS, f.get("bob").status());
        assertTrue(f.get("bob").message().contains("key 1 rotated 31 days ago"), f.get("bob").message());
        assertEquals(Status.PASS, f.get("carol").status());
        assertTrue(f.get("carol").message().contains("no active access key"), f.get("carol").message());
    }

    @Test
    void accessKeysWithoutUsersOrRootAreNotApplicableAndWithoutAReportError() {
        assertEquals(Status.NOT_APPLICABLE, one(new IamAccessKeysRotated(NOW), report()).status());
        assertEquals(Status.ERROR, one(new IamAccessKeysRotated(NOW), new LiveInventory()).status());
        String undated = BOB_OK.replace("true,2025-05-01T00:00:00+00:00", "true,N/A");
        assertEquals(Status.FAIL, one(new IamAccessKeysRotated(NOW), report(undated)).status(), "a key of unknown age");
    }

    @Test
    void adminNotAttachedIsOneFindingPerGroupAndUser() {
        LiveInventory inv = with(IamProbe.AUTHORIZATION_DETAILS, "{\"Users\":3}");
        inv.add(null, iam("AWS::IAM::Group", "admins", "arn:aws:iam::123456789012:group/admins",
                "{\"GroupName\":\"admins\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"));
        inv.add(null, iam("AWS::IAM::Group", "readers", "arn:aws:iam::123456789012:group/readers",
                "{\"GroupName\":\"readers\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}"));
        inv.add(null, Facts.live("AWS::IAM::Role", "admin-role", null,
                "{\"RoleName\":\"admin-role\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"));
        inv.add(null, iam("AWS::IAM::User", "dan", "arn:aws:iam::123456789012:user/dan",
                "{\"UserName\":\"dan\",\"Groups\":[\"admins\"],\"ManagedPolicyArns\":[]}"));
        inv.add(null, iam("AWS::IAM::User", "erin", "arn:aws:iam::123456789012:user/erin",
                "{\"UserName\":\"erin\",\"Groups\":[\"readers\"],\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"));
        inv.add(null, iam("AWS::IAM::User", "carol", "arn:aws:iam::123456789012:user/carol",
                "{\"UserName\":\"carol\",\"Groups\":[\"readers\"],\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}"));
        Map<String, Finding> f = byResource(new IamAdminNotAttachedToUsers().evaluate(inv, Facts.ACCOUNT));
        assertEquals(List.of("admins", "readers", "dan", "erin", "carol"), List.copyOf(f.keySet()), "roles are not judged");
        assertEquals(Status.FAIL, f.get("admins").status());
        assertEquals("AWS::IAM::Group", f.get("admins").resource().type());
        assertEquals(Status.PASS, f.get("readers").status());
        Finding dan = f.get("dan");
        assertEquals(Status.FAIL, dan.status(), "holds it through its group");
        assertTrue(dan.message().contains("its group(s) admins"), dan.message());
        assertEquals("arn:aws:iam::123456789012:user/dan", dan.resource().arn());
        assertEquals(Status.FAIL, f.get("erin").status());
        assertTrue(f.get("erin").message().contains("attached to the user"), f.get("erin").message());
        assertEquals(Status.PASS, f.get("carol").status());
    }

    @Test
    void adminNotAttachedWithoutPrincipalsIsNotApplicableAndUnreadGroupsAreErrors() {
        assertEquals(Status.NOT_APPLICABLE, one(new IamAdminNotAttachedToUsers(),
                with(IamProbe.AUTHORIZATION_DETAILS, "{\"Users\":0}")).status());
        LiveInventory orphan = with(IamProbe.AUTHORIZATION_DETAILS, "{\"Users\":1}");
        orphan.add(null, Facts.live("AWS::IAM::User", "fay", null, "{\"UserName\":\"fay\",\"Groups\":[\"ghosts\"]}"));
        assertEquals(Status.ERROR, one(new IamAdminNotAttachedToUsers(), orphan).status());
        assertEquals(Status.ERROR, one(new IamAdminNotAttachedToUsers(),
                failed("iam:GetAccountAuthorizationDetails", "AccessDenied", null, "iam_admin_not_attached_to_users")).status());
    }

    @Test
    void federation() {
        LiveInventory saml = with(IamProbe.SAML, "[{\"Arn\":\"arn:aws:iam::123456789012:saml-provider/corp\"}]");
        saml.fact(IamProbe.OIDC, Facts.json("[]"));
        assertEquals(Status.PASS, one(new IamIdentityFederation(), saml).status());
        LiveInventory none = with(IamProbe.SAML, "[]");
        none.fact(IamProbe.OIDC, Facts.json("[]"));
        none.fact(IamProbe.SSO_INSTANCES, Facts.json("[]"));
        assertEquals(Status.FAIL, one(new IamIdentityFederation(), none).status());
        LiveInventory sso = with(IamProbe.SAML, "[]");
        sso.fact(IamProbe.OIDC, Facts.json("[]"));
        sso.fact(IamProbe.SSO_INSTANCES, Facts.json("[{\"InstanceArn\":\"arn:aws:sso:::instance/ssoins-1\"}]"));
        assertEquals(Status.PASS, one(new IamIdentityFederation(), sso).status());
        LiveInventory ssoDenied = with(IamProbe.SAML, "[]");
        ssoDenied.fact(IamProbe.OIDC, Facts.json("[]"));
        ssoDenied.error(new dev.cxscan.scanner.live.ProbeError("sso", "sso:ListInstances", "AccessDeniedException", "no", "us-east-1",
                java.util.List.of("iam_identity_federation")));
        assertEquals(Status.ERROR, one(new IamIdentityFederation(), ssoDenied).status(), "Identity Center unread: not a FAIL");
    }

    @Test
    void passwordPolicy() {
        assertEquals(Status.PASS, one(new IamPasswordPolicyStrong(), with(IamProbe.PASSWORD_POLICY,
                "{\"MinimumPasswordLength\":14,\"PasswordReusePrevention\":24}")).status());
        Finding weak = one(new IamPasswordPolicyStrong(), with(IamProbe.PASSWORD_POLICY, "{\"MinimumPasswordLength\":8}"));
        assertEquals(Status.FAIL, weak.status());
        assertTrue(weak.message().contains("MinimumPasswordLength 8") && weak.message().contains("not set"), weak.message());
        assertEquals(Status.FAIL, one(new IamPasswordPolicyStrong(), with(IamProbe.PASSWORD_POLICY, "null")).status());
        assertEquals(Status.ERROR, one(new IamPasswordPolicyStrong(), new LiveInventory()).status());
    }
}
