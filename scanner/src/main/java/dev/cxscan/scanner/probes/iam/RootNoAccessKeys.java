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

/** ACCT-001: the root user has no access keys (iam:GetAccountSummary AccountAccessKeysPresent = 0). */
public final class RootNoAccessKeys implements LiveCheck {
    static final Check CHECK = Check.of("root_no_access_keys", "The root user has no access keys", Severity.CRITICAL, "ACCT-001",
            "Sign in as the root user and delete its access keys under Security credentials; "
                    + "use IAM roles or IAM Identity Center users for programmatic access.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        AccountSummaryField read = AccountSummaryField.read(CHECK, inventory, accountId, "AccountAccessKeysPresent");
        if (read.value().isEmpty()) {
            return read.problems();
        }
        JsonNode v = read.value().get();
        return List.of(v.asInt(-1) == 0
                ? LiveChecks.finding(CHECK, Status.PASS, accountId, null, "AccountAccessKeysPresent is 0: the root user has no access keys")
                : LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "AccountAccessKeysPresent is " + v.asText()
                        + ": the root user has access keys; delete them"));
    }
}
