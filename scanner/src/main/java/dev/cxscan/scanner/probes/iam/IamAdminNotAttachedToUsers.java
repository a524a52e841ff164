package dev.cxscan.scanner.probes.iam;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ACCT-002: the AWS-managed AdministratorAccess policy is attached to no IAM user and no IAM group
 * (ManagedPolicyArns of the AWS::IAM::User / Group resources of GetAccountAuthorizationDetails).
 * Roles are not judged here: people should reach admin rights through a role or Identity Center.
 */
public final class IamAdminNotAttachedToUsers implements LiveCheck {
    static final Check CHECK = Check.of("iam_admin_not_attached_to_users",
            "The AWS-managed AdministratorAccess policy is not attached to IAM users or groups", Severity.HIGH, "ACCT-002",
            "Detach AdministratorAccess from IAM users and groups; give administrators a role (or an IAM Identity Center "
                    + "permission set) they assume with MFA.");
    private static final Pattern ADMIN = Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/AdministratorAccess");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        if (inventory.fact(IamProbe.AUTHORIZATION_DETAILS).isEmpty()) {
            List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
            return errors.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "iam:GetAccountAuthorizationDetails")) : errors;
        }
        List<String> offenders = new ArrayList<>();
        int users = 0;
        int groups = 0;
        for (List<Resource> list : inventory.resourcesByRegion().values()) {
            for (Resource r : list) {
                boolean user = r.type().equals("AWS::IAM::User");
                if (!user && !r.type().equals("AWS::IAM::Group")) {
                    continue;
                }
                if (user) {
                    users++;
                } else {
                    groups++;
                }
                for (var arn : r.property("ManagedPolicyArns")) {
                    if (ADMIN.matcher(arn.asText()).matches()) {
                        offenders.add((user ? "user " : "group ") + r.id());
                    }
                }
            }
        }
        if (!offenders.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "AdministratorAccess is attached to "
                    + LiveChecks.join(offenders, 10)));
        }
        return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "AdministratorAccess is attached to none of "
                + users + " user(s) and " + groups + " group(s)"));
    }
}
