package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ACCT-002: the account password policy asks for at least 14 characters and prevents reuse of the last 24 passwords. No policy fails. */
public final class IamPasswordPolicyStrong implements LiveCheck {
    static final Check CHECK = Check.of("iam_password_policy_strong",
            "The IAM password policy requires 14+ characters and prevents reuse of the last 24 passwords", Severity.LOW, "ACCT-002",
            "Set the account password policy: minimum length 14 or more, password reuse prevention 24 "
                    + "(aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 ...).");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Optional<JsonNode> policy = inventory.fact(IamProbe.PASSWORD_POLICY);
        if (policy.isEmpty()) {
            List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
            return errors.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "iam:GetAccountPasswordPolicy")) : errors;
        }
        JsonNode p = policy.get();
        if (p.isNull()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null,
                    "no account password policy is set (IAM defaults: 8 characters, no reuse prevention)"));
        }
        int length = p.path("MinimumPasswordLength").asInt(0);
        int reuse = p.path("PasswordReusePrevention").asInt(0);
        List<String> weak = new ArrayList<>();
        if (length < 14) {
            weak.add("MinimumPasswordLength " + length + " < 14");
        }
        if (reuse < 24) {
            weak.add("PasswordReusePrevention " + (p.has("PasswordReusePrevention") ? reuse : "not set") + " < 24");
        }
        if (!weak.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "password policy too weak: " + String.join(", ", weak)));
        }
        return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "password policy: minimum length " + length
                + ", reuse prevention " + reuse));
    }
}
