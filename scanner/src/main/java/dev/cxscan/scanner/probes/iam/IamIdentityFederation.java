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

/**
 * ACCT-002: people sign in through federation: a SAML or OIDC identity provider exists in IAM, or
 * an IAM Identity Center instance (sso:ListInstances). PASS as soon as one is found; with none
 * found, any of the three reads that failed makes it an ERROR rather than a FAIL.
 */
public final class IamIdentityFederation implements LiveCheck {
    static final Check CHECK = Check.of("iam_identity_federation",
            "A SAML or OIDC identity provider or an IAM Identity Center instance exists", Severity.MEDIUM, "ACCT-002",
            "Enable IAM Identity Center (or add a SAML/OIDC identity provider for your corporate directory) and let people "
                    + "sign in through it instead of IAM users.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        List<String> found = new ArrayList<>();
        count(inventory.fact(IamProbe.SAML), "SAML provider", "Arn", found);
        count(inventory.fact(IamProbe.OIDC), "OIDC provider", "Arn", found);
        count(inventory.fact(IamProbe.SSO_INSTANCES), "IAM Identity Center instance", "InstanceArn", found);
        if (!found.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "federation is set up: " + LiveChecks.join(found, 5)));
        }
        List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (inventory.fact(IamProbe.SAML).isEmpty() || inventory.fact(IamProbe.OIDC).isEmpty()) {
            return List.of(LiveChecks.noData(CHECK, accountId, null, "the IAM identity provider list"));
        }
        return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null,
                "no SAML or OIDC identity provider and no IAM Identity Center instance"
                        + (inventory.fact(IamProbe.SSO_INSTANCES).isEmpty() ? " (Identity Center was not read)" : "")));
    }

    private static void count(Optional<JsonNode> list, String what, String field, List<String> found) {
        list.ifPresent(l -> l.forEach(e -> found.add(what + " " + e.path(field).asText(e.toString()))));
    }
}
