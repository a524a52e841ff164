package dev.cxscan.scanner.probes.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * REL-001: the CloudTrail event history of the last 90 days (LookupEvents, ReadOnly=false, every
 * scanned region) shows no write made from the console. FAIL names the top users and event names.
 * When none was found but a region could not be read, each such region is an ERROR (a console write
 * there would be missed). Event history is per region, so a region outside the scan is not judged.
 */
public final class NoConsoleChanges implements LiveCheck {
    static final Check CHECK = Check.of("no_console_changes",
            "No write made from the AWS Management Console in the last 90 days", Severity.MEDIUM, "REL-001",
            "Make changes through the deployment pipeline (CloudFormation/CDK) instead of the console; restrict console "
                    + "roles to read-only access.");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        Map<String, JsonNode> byRegion = LiveChecks.regional(inventory, CloudTrailProbe.LOOKUP_FACT);
        Map<String, Integer> top = new LinkedHashMap<>();
        int writes = 0;
        int events = 0;
        boolean truncated = false;
        for (JsonNode f : byRegion.values()) {
            writes += f.path("ConsoleWrites").asInt();
            events += f.path("EventsRead").asInt();
            truncated |= f.path("Truncated").asBoolean(false);
            for (JsonNode t : f.path("Top")) {
                top.merge(t.path("User").asText() + " " + t.path("EventName").asText(), t.path("Count").asInt(), Integer::sum);
            }
        }
        if (writes > 0) {
            List<String> lines = new ArrayList<>();
            top.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                    .forEach(e -> lines.add(e.getKey() + " x" + e.getValue()));
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, writes + " write event(s) from the console in "
                    + "the last 90 days; top: " + String.join(", ", lines)));
        }
        List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
        if (!errors.isEmpty()) {
            return errors;
        }
        if (byRegion.isEmpty()) {
            return List.of(LiveChecks.noData(CHECK, accountId, null, "cloudtrail:LookupEvents"));
        }
        return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, "none of " + events + " write event(s) of the last 90 days in "
                + String.join(", ", byRegion.keySet()) + " came from the console" + (truncated ? " (only the most recent pages were read)" : "")));
    }
}
