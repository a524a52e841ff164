package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ACCT-002: the AWS-managed AdministratorAccess policy is attached to no IAM user and no IAM group
 * (ManagedPolicyArns of the AWS::IAM::User / Group resources of GetAccountAuthorizationDetails).
 * One finding per group and per user: a user FAILs when the policy is attached to it or to a group it
 * is in (its Groups), since either way the user holds it; a user in a group the details did not list is
 * ERROR (its group's policies were not read). No user and no group is one account-level NOT_APPLICABLE.
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
        Map<String, Resource> groups = new LinkedHashMap<>();
        List<Resource> users = new ArrayList<>();
        for (List<Resource> list : inventory.resourcesByRegion().values()) {
            for (Resource r : list) {
                if (r.type().equals("AWS::IAM::Group")) {
                    groups.putIfAbsent(r.id(), r);
                } else if (r.type().equals(IamUserRefs.USER)) {
                    users.add(r);
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Resource g : groups.values()) {
            boolean admin = attachesAdmin(g);
            out.add(Finding.of(CHECK, admin ? Status.FAIL : Status.PASS, g.location(), admin
                    ? "AdministratorAccess is attached to IAM group " + g.id()
                    : "AdministratorAccess is not attached to IAM group " + g.id()));
        }
        for (Resource u : users) {
            List<String> adminGroups = new ArrayList<>();
            List<String> unread = new ArrayList<>();
            for (JsonNode name : u.property("Groups")) {
                Resource g = groups.get(name.asText());
                if (g == null) {
                    unread.add(name.asText());
                } else if (attachesAdmin(g)) {
                    adminGroups.add(g.id());
                }
            }
            String user = "IAM user " + u.id();
            if (attachesAdmin(u) || !adminGroups.isEmpty()) {
                List<String> how = new ArrayList<>();
                if (attachesAdmin(u)) {
                    how.add("attached to the user");
                }
                if (!adminGroups.isEmpty()) {
                    how.add("attached to its group(s) " + LiveChecks.join(adminGroups, 10));
                }
                out.add(Finding.of(CHECK, Status.FAIL, u.location(), user + " holds AdministratorAccess: " + String.join("; ", how)));
            } else if (!unread.isEmpty()) {
                out.add(Finding.of(CHECK, Status.ERROR, u.location(), "could not judge: " + user + " is in group(s) "
                        + LiveChecks.join(unread, 10) + " that the authorization details did not list"));
            } else {
                out.add(Finding.of(CHECK, Status.PASS, u.location(), "AdministratorAccess is attached neither to " + user
                        + " nor to its " + u.property("Groups").size() + " group(s)"));
            }
        }
        if (out.isEmpty()) {
            out.add(LiveChecks.finding(CHECK, Status.NOT_APPLICABLE, accountId, null, "the account has no IAM user and no IAM group"));
        }
        return out;
    }

    private static boolean attachesAdmin(Resource principal) {
        for (JsonNode arn : principal.property("ManagedPolicyArns")) {
            if (ADMIN.matcher(arn.asText()).matches()) {
                return true;
            }
        }
        return false;
    }
}
