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
import java.util.Optional;

/**
 * ACCT-002: every IAM user with a console password (credential report password_enabled) has MFA (mfa_active). One
 * finding per IAM user: FAIL for a console password without MFA; PASS for one with MFA and for a user without a
 * console password (it cannot sign in to the console at all, so it meets "every user with a console password has
 * MFA"; the message says which case it is, and PASS rather than NOT_APPLICABLE keeps every user listed with the
 * verdict of the check). A flag the report does not answer with true/false is ERROR for that user. The root user is
 * judged by root_mfa_enabled; no IAM user at all is one account-level NOT_APPLICABLE.
 */
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
    List<Finding> judge(List<JsonNode> rows, String accountId, IamUserRefs users) {
        List<Finding> out = new ArrayList<>();
        for (JsonNode row : rows) {
            if (isRoot(row)) {
                continue;
            }
            String user = "IAM user " + row.path("user").asText();
            Optional<Boolean> password = flag(row, "password_enabled");
            Optional<Boolean> mfa = flag(row, "mfa_active");
            Status status;
            String message;
            if (password.isEmpty()) {
                status = Status.ERROR;
                message = "could not judge: the credential report's password_enabled for " + user + " is '"
                        + row.path("password_enabled").asText("") + "'";
            } else if (!password.get()) {
                status = Status.PASS;
                message = user + " has no console password: it cannot sign in to the console";
            } else if (mfa.isEmpty()) {
                status = Status.ERROR;
                message = "could not judge: the credential report's mfa_active for " + user + " is '"
                        + row.path("mfa_active").asText("") + "'";
            } else {
                status = mfa.get() ? Status.PASS : Status.FAIL;
                message = user + " has a console password and " + (mfa.get() ? "an MFA device" : "no MFA device");
            }
            out.add(Finding.of(CHECK, status, userRef(row, users), message));
        }
        if (out.isEmpty()) {
            out.add(LiveChecks.finding(CHECK, Status.NOT_APPLICABLE, accountId, null,
                    "the credential report lists no IAM user (the root user is judged by root_mfa_enabled)"));
        }
        return out;
    }
}
