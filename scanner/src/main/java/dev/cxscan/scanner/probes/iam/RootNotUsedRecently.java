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
 * ACCT-001: the root user's password and access keys were not used in the last 90 days (credential
 * report row &lt;root_account&gt;: password_last_used, access_key_1/2_last_used_date). A report
 * without the root row is an ERROR, never a PASS.
 */
public final class RootNotUsedRecently extends CredentialReportCheck {
    static final Check CHECK = Check.of("root_not_used_recently", "The root user was not used in the last 90 days", Severity.MEDIUM,
            "ACCT-001", "Use IAM Identity Center users or IAM roles for daily work and keep the root user for the few tasks that "
                    + "need it; review what the root user did in CloudTrail.");

    public RootNotUsedRecently() {
        this(Clock.systemUTC());
    }

    public RootNotUsedRecently(Clock clock) {
        super(clock);
    }

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    List<Finding> judge(List<JsonNode> rows, String accountId, IamUserRefs users) {
        return List.of(judgeRoot(rows, accountId));
    }

    private Finding judgeRoot(List<JsonNode> rows, String accountId) {
        Optional<JsonNode> root = rows.stream().filter(CredentialReportCheck::isRoot).findFirst();
        if (root.isEmpty()) {
            return LiveChecks.finding(CHECK, Status.ERROR, accountId, null, "the credential report has no <root_account> row");
        }
        List<String> recent = new ArrayList<>();
        for (String[] col : new String[][] {{"password_last_used", "password"}, {"access_key_1_last_used_date", "access key 1"},
                {"access_key_2_last_used_date", "access key 2"}}) {
            Optional<Instant> used = date(root.get(), col[0]);
            if (used.isPresent() && daysAgo(used.get()) < DAYS) {
                recent.add(col[1] + " used " + daysAgo(used.get()) + " days ago (" + used.get() + ")");
            }
        }
        if (!recent.isEmpty()) {
            return LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "the root user was used in the last " + DAYS + " days: "
                    + String.join(", ", recent));
        }
        String last = date(root.get(), "password_last_used").map(t -> "password last used " + daysAgo(t) + " days ago")
                .orElse("password never used or no information");
        return LiveChecks.finding(CHECK, Status.PASS, accountId, null, "root password and access keys not used in the last "
                + DAYS + " days (" + last + ")");
    }
}
