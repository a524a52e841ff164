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
 * rotation date is reported as unknown and fails: its age cannot be shown. One finding per IAM user
 * (AWS::IAM::User, PASS when it has no active key or only keys rotated in the last 90 days) and one
 * account-level finding for the root row when the report has one; a report with neither is NOT_APPLICABLE.
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
    List<Finding> judge(List<JsonNode> rows, String accountId, IamUserRefs users) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode row : rows) {
            boolean root = isRoot(row);
            String who = root ? "the root user" : "IAM user " + row.path("user").asText();
            List<String> old = new ArrayList<>();
            List<String> fresh = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                Optional<Boolean> active = flag(row, "access_key_" + n + "_active");
                if (active.isEmpty()) {
                    old.add("key " + n + " (access_key_" + n + "_active is '" + row.path("access_key_" + n + "_active").asText("")
                            + "': cannot tell whether it is active)");
                    continue;
                }
                if (!active.get()) {
                    continue;
                }
                Optional<Instant> rotated = date(row, "access_key_" + n + "_last_rotated");
                if (rotated.isEmpty()) {
                    old.add("key " + n + " (no rotation date)");
                } else if (daysAgo(rotated.get()) > DAYS) {
                    old.add("key " + n + " (" + daysAgo(rotated.get()) + " days old)");
                } else {
                    fresh.add("key " + n + " rotated " + daysAgo(rotated.get()) + " days ago");
                }
            }
            Status status = old.isEmpty() ? Status.PASS : Status.FAIL;
            String message = !old.isEmpty()
                    ? who + " has active access key(s) older than " + DAYS + " days or of unknown age: " + String.join(", ", old)
                    : fresh.isEmpty() ? who + " has no active access key"
                    : who + " has only access keys rotated in the last " + DAYS + " days: " + String.join(", ", fresh);
            out.add(root ? LiveChecks.finding(CHECK, status, accountId, null, message)
                    : Finding.of(CHECK, status, userRef(row, users), message));
        }
        if (out.isEmpty()) {
            out.add(LiveChecks.finding(CHECK, Status.NOT_APPLICABLE, accountId, null,
                    "the credential report lists no IAM user and no root user"));
        }
        return out;
    }
}
