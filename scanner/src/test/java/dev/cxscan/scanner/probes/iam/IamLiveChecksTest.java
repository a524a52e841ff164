package dev.cxscan.scanner.probes.iam;

import static dev.cxscan.scanner.probes.Facts.failed;
import static dev.cxscan.scanner.probes.Facts.one;
import static dev.cxscan.scanner.probes.Facts.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.Facts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

    @Test
    void consoleUsersNeedMfa() {
        Finding f = one(new IamUserConsoleMfa(), report(ROOT_IDLE, ALICE_NO_MFA_OLD_KEY, BOB_OK));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("1 of 2") && f.message().contains("alice") && !f.message().contains("bob"), f.message());
        assertEquals(Status.PASS, one(new IamUserConsoleMfa(), report(ROOT_IDLE, BOB_OK)).status());
        assertEquals(Status.ERROR, one(new IamUserConsoleMfa(), new LiveInventory()).status());
    }

    @Test
    void accessKeysRotated() {
        Finding f = one(new IamAccessKeysRotated(NOW), report(ROOT_IDLE, ALICE_NO_MFA_OLD_KEY, BOB_OK));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("alice key 1 (517 days old)"), f.message());
        assertEquals(Status.PASS, one(new IamAccessKeysRotated(NOW), report(ROOT_IDLE, BOB_OK)).status());
        assertEquals(Status.ERROR, one(new IamAccessKeysRotated(NOW), new LiveInventory()).status());
    }

    @Test
    void adminNotAttachedToUsersOrGroups() {
        LiveInventory inv = with(IamProbe.AUTHORIZATION_DETAILS, "{\"Users\":1}");
        inv.add(null, Facts.live("AWS::IAM::Group", "admins", null,
                "{\"GroupName\":\"admins\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"));
        inv.add(null, Facts.live("AWS::IAM::Role", "admin-role", null,
                "{\"RoleName\":\"admin-role\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/AdministratorAccess\"]}"));
        Finding f = one(new IamAdminNotAttachedToUsers(), inv);
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("group admins") && !f.message().contains("admin-role"), f.message());
        LiveInventory clean = with(IamProbe.AUTHORIZATION_DETAILS, "{\"Users\":1}");
        clean.add(null, Facts.live("AWS::IAM::User", "carol", null,
                "{\"UserName\":\"carol\",\"ManagedPolicyArns\":[\"arn:aws:iam::aws:policy/ReadOnlyAccess\"]}"));
        assertEquals(Status.PASS, one(new IamAdminNotAttachedToUsers(), clean).status());
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
