package dev.cxscan.scanner.probes.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.LiveChecks;
import java.util.List;
import java.util.Optional;

/**
 * One field of the iam:GetAccountSummary fact, as the root-user checks read it: the value, or the
 * findings that say why it is not there (the probe's error, no data, or a summary without the field).
 */
record AccountSummaryField(Optional<JsonNode> value, List<Finding> problems) {

    static AccountSummaryField read(Check check, LiveInventory inventory, String accountId, String field) {
        Optional<JsonNode> summary = inventory.fact(IamProbe.SUMMARY);
        if (summary.isEmpty()) {
            List<Finding> errors = LiveChecks.errorFindings(check, inventory, accountId);
            return new AccountSummaryField(Optional.empty(),
                    errors.isEmpty() ? List.of(LiveChecks.noData(check, accountId, null, "iam:GetAccountSummary")) : errors);
        }
        JsonNode v = summary.get().path(field);
        if (v.isMissingNode()) {
            return new AccountSummaryField(Optional.empty(), List.of(LiveChecks.finding(check, Status.ERROR, accountId, null,
                    "iam:GetAccountSummary did not report " + field)));
        }
        return new AccountSummaryField(Optional.of(v), List.of());
    }
}
