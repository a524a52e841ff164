package dev.cxscan.scanner.probes.cloudtrail;

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
import java.util.List;

/**
 * ACCT-001: a multi-region, logging trail records management events, read and write. Basic event
 * selectors: one with IncludeManagementEvents not false and ReadWriteType All (absent = All).
 * Advanced event selectors: one whose eventCategory field equals Management and that has no readOnly
 * field selector (which would keep only reads or only writes). A trail whose selectors could not be
 * read is an ERROR.
 */
public final class CloudtrailManagementEvents implements LiveCheck {
    static final Check CHECK = Check.of("cloudtrail_management_events",
            "The multi-region trail records management events, read and write", Severity.MEDIUM, "ACCT-001",
            "Give the multi-region trail an event selector with IncludeManagementEvents true and ReadWriteType All (or an "
                    + "advanced selector eventCategory = Management without a readOnly filter).");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public List<Finding> evaluate(LiveInventory inventory, String accountId) {
        List<Resource> candidates = Trails.all(inventory).stream().filter(Trails::multiRegionLogging).toList();
        List<String> notes = new ArrayList<>();
        boolean unread = false;
        for (Resource t : candidates) {
            if (!t.has("EventSelectors") && !t.has("AdvancedEventSelectors")) {
                unread = true;
                continue;
            }
            String why = judge(t);
            if (why == null) {
                return List.of(LiveChecks.finding(CHECK, Status.PASS, accountId, null, Trails.describe(t)
                        + " records management events, read and write"));
            }
            notes.add(t.id() + ": " + why);
        }
        if (unread || (candidates.isEmpty() && !LiveChecks.errors(inventory, CHECK.id()).isEmpty())) {
            List<Finding> errors = LiveChecks.errorFindings(CHECK, inventory, accountId);
            if (!errors.isEmpty()) {
                return errors;
            }
            return List.of(LiveChecks.noData(CHECK, accountId, null, "cloudtrail:GetEventSelectors"));
        }
        if (candidates.isEmpty()) {
            return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null,
                    "no multi-region trail is logging, so no trail records the account's management events"));
        }
        return List.of(LiveChecks.finding(CHECK, Status.FAIL, accountId, null, "no multi-region trail records management events "
                + "read and write: " + String.join("; ", notes)));
    }

    /** Null when the trail records read and write management events, else why not. */
    static String judge(Resource t) {
        List<String> why = new ArrayList<>();
        for (JsonNode s : t.property("EventSelectors")) {
            boolean mgmt = s.path("IncludeManagementEvents").asBoolean(true);
            String rw = s.path("ReadWriteType").asText("All");
            if (mgmt && rw.equalsIgnoreCase("All")) {
                return null;
            }
            why.add(mgmt ? "management events only " + rw : "IncludeManagementEvents false");
        }
        for (JsonNode s : t.property("AdvancedEventSelectors")) {
            boolean management = false;
            boolean readOnlyFilter = false;
            for (JsonNode f : s.path("FieldSelectors")) {
                String field = f.path("Field").asText();
                if (field.equals("eventCategory")) {
                    for (JsonNode v : f.path("Equals")) {
                        management |= v.asText().equals("Management");
                    }
                }
                readOnlyFilter |= field.equals("readOnly");
            }
            if (management && !readOnlyFilter) {
                return null;
            }
            why.add(management ? "advanced selector " + s.path("Name").asText("") + " filters on readOnly"
                    : "advanced selector " + s.path("Name").asText("") + " records no management events");
        }
        return why.isEmpty() ? "no event selector" : String.join(", ", why);
    }
}
