package dev.cxscan.scanner.probes.ssm;

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
import java.util.Map;

/** OPE-002 hint (INFO): the SSM Automation documents the account owns, per scanned region. Never PASS or FAIL: runbooks are judged by a person. */
public final class SsmRunbooksPresent implements LiveCheck {
    static final Check CHECK = Check.of("ssm_runbooks_present", "SSM Automation documents owned by the account (runbook hint)",
            Severity.INFO, "OPE-002", "Write operational runbooks as SSM Automation documents (or attach the runbook documents "
                    + "as evidence).");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Map<String, JsonNode> byRegion = LiveChecks.regional(inventory, SsmProbe.FACT);
        List<Finding> out = new ArrayList<>(LiveChecks.errorFindings(CHECK, inventory, accountId));
        if (byRegion.isEmpty()) {
            return out.isEmpty() ? List.of(LiveChecks.noData(CHECK, accountId, null, "ssm:ListDocuments")) : out;
        }
        List<String> names = new ArrayList<>();
        byRegion.forEach((region, docs) -> docs.forEach(d -> names.add(d.asText() + " (" + region + ")")));
        out.add(0, LiveChecks.finding(CHECK, Status.INFO, accountId, null, names.isEmpty()
                ? "no SSM Automation documents owned by the account in " + String.join(", ", byRegion.keySet())
                : names.size() + " SSM Automation document(s) owned by the account: " + LiveChecks.join(names, 10)));
        return out;
    }
}
