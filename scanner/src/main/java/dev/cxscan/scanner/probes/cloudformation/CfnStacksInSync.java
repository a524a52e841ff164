package dev.cxscan.scanner.probes.cloudformation;

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

/**
 * REL-001: no CloudFormation stack's last drift detection result is DRIFTED (DescribeStacks; no
 * detection is started). One finding per account over all scanned regions; the message says how many
 * stacks were never checked. No stack at all is NOT_APPLICABLE. When no DRIFTED stack was found, a
 * region that could not be read gives ERROR findings instead of a PASS.
 */
public final class CfnStacksInSync implements LiveCheck {
    static final Check CHECK = Check.of("cfn_stacks_in_sync", "No CloudFormation stack's last drift detection result is DRIFTED",
            Severity.MEDIUM, "REL-001", "Run drift detection regularly (aws cloudformation detect-stack-drift) and bring drifted "
                    + "stacks back in line by updating the template or reverting the manual change.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Map<String, JsonNode> byRegion = LiveChecks.regional(inventory, CloudFormationProbe.FACT);
        List<String> drifted = new ArrayList<>();
        int stacks = 0;
        int unchecked = 0;
        for (Map.Entry<String, JsonNode> e : byRegion.entrySet()) {
            for (JsonNode s : e.getValue()) {
                stacks++;
                String drift = s.path("DriftStatus").asText("NOT_CHECKED");
                if (drift.equals("DRIFTED")) {
                    drifted.add(s.path("StackName").asText() + " (" + e.getKey() + ")");
                } else if (!drift.equals("IN_SYNC")) {
                    unchecked++;
                }
            }
        }
        if (!drifted.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, drifted.size() + " stack(s) DRIFTED at their last "
                    + "drift detection: " + LiveChecks.join(drifted, 10)));
        }
        List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (byRegion.isEmpty()) {
            return List.of(LiveChecks.noData(CHECK, accountId, null, "cloudformation:DescribeStacks"));
        }
        if (stacks == 0) {
            return List.of(LiveChecks.finding(CHECK, Status.NOT_APPLICABLE, accountId, null, "no CloudFormation stacks in "
                    + String.join(", ", byRegion.keySet())));
        }
        return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "none of " + stacks + " stack(s) is DRIFTED"
                + (unchecked == 0 ? "" : " (" + unchecked + " never checked for drift)")));
    }
}
