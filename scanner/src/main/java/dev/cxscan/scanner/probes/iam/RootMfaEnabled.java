package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.List;

/** ACCT-001: the root user has MFA (iam:GetAccountSummary AccountMFAEnabled = 1). */
public final class RootMfaEnabled implements LiveCheck {
    static final Check CHECK = Check.of("root_mfa_enabled", "The root user has MFA enabled", Severity.CRITICAL, "ACCT-001",
            "Sign in as the root user and assign an MFA device (a hardware key or authenticator app) under Security credentials; "
                    + "then keep the root credentials locked away.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        AccountSummaryField read = AccountSummaryField.read(CHECK, inventory, accountId, "AccountMFAEnabled");
        if (read.value().isEmpty()) {
            return read.problems();
        }
        JsonNode v = read.value().get();
        return List.of(v.asInt(-1) == 1
                ? LiveChecks.finding(CHECK, Status.PASS, accountId, null, "AccountMFAEnabled is 1: the root user has an MFA device")
                : LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "AccountMFAEnabled is " + v.asText()
                        + ": the root user has no MFA device"));
    }
}
