package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.probes.LiveChecks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ACCT-002: no active access key is older than 90 days (credential report access_key_N_active and
 * access_key_N_last_rotated, N = 1, 2, root row included). An active key without a readable
 * rotation date is reported as unknown and fails: its age cannot be shown.
 */
public final class IamAccessKeysRotated extends CredentialReportCheck {
    static final Check CHECK = Check.of("iam_access_keys_rotated", "No active access key is older than 90 days", Severity.MEDIUM,
            "ACCT-002", "Rotate access keys older than 90 days (create a new key, switch the application, deactivate and delete "
                    + "the old one), or replace long-lived keys with IAM roles.");

    public IamAccessKeysRotated() {
        this(Clock.systemUTC());
    }

    public IamAccessKeysRotated(Clock clock) {
        super(clock);
    }

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    Finding judge(List<JsonNode> rows, String accountId) {
        List<String> old = new ArrayList<>();
        int active = 0;
        for (JsonNode row : rows) {
            for (int n = 1; n <= 2; n++) {
                if (!yes(row, "access_key_" + n + "_active")) {
                    continue;
                }
                active++;
                Optional<Instant> rotated = date(row, "access_key_" + n + "_last_rotated");
                String who = row.path("user").asText() + " key " + n;
                if (rotated.isEmpty()) {
                    old.add(who + " (no rotation date)");
                } else if (daysAgo(rotated.get()) > DAYS) {
                    old.add(who + " (" + daysAgo(rotated.get()) + " days old)");
                }
            }
        }
        if (!old.isEmpty()) {
            return LiveChecks.finding(CHECK, Status.FAIL, accountId, null, old.size() + " of " + active
                    + " active access key(s) are older than " + DAYS + " days: " + LiveChecks.join(old, 10));
        }
        return LiveChecks.finding(CHECK, Status.PASS, accountId, null, active == 0 ? "no active access keys"
                : "all " + active + " active access key(s) were rotated in the last " + DAYS + " days");
    }
}
