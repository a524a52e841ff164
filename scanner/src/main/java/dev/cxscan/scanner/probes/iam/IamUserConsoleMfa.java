package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.probes.LiveChecks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** ACCT-002: every IAM user with a console password (credential report password_enabled) has MFA (mfa_active). The root user is judged by root_mfa_enabled. */
public final class IamUserConsoleMfa extends CredentialReportCheck {
    static final Check CHECK = Check.of("iam_user_console_mfa", "Every IAM user with a console password has an MFA device",
            Severity.HIGH, "ACCT-002", "Assign an MFA device to each IAM user that signs in to the console (or remove the console "
                    + "password); better, move people to IAM Identity Center with MFA enforced.");

    public IamUserConsoleMfa() {
        super(Clock.systemUTC());
    }

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    Finding judge(List<JsonNode> rows, String accountId) {
        List<String> without = new ArrayList<>();
        int console = 0;
        for (JsonNode row : rows) {
            if (isRoot(row) || !yes(row, "password_enabled")) {
                continue;
            }
            console++;
            if (!yes(row, "mfa_active")) {
                without.add(row.path("user").asText());
            }
        }
        if (!without.isEmpty()) {
            return LiveChecks.finding(CHECK, Status.FAIL, accountId, null, without.size() + " of " + console
                    + " IAM user(s) with a console password have no MFA device: " + LiveChecks.join(without, 10));
        }
        return LiveChecks.finding(CHECK, Status.PASS, accountId, null, console == 0
                ? "no IAM user has a console password"
                : "all " + console + " IAM user(s) with a console password have an MFA device");
    }
}
