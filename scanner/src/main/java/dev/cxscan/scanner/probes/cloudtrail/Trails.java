package dev.cxscan.scanner.probes.cloudtrail;

import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.LiveInventory;
import java.util.ArrayList;
import java.util.List;

/** The trails the CloudTrail probe recorded (each once), and which of them are multi-region and logging. */
final class Trails {
    private Trails() {
    }

    static List<Resource> all(LiveInventory inventory) {
        List<Resource> out = new ArrayList<>();
        inventory.resourcesByRegion().values().forEach(l -> l.stream().filter(r -> r.type().equals("AWS::CloudTrail::Trail")).forEach(out::add));
        return out;
    }

    static boolean multiRegionLogging(Resource t) {
        return t.property("IsMultiRegionTrail").asBoolean(false) && t.property("IsLogging").asBoolean(false);
    }

    static String describe(Resource t) {
        return "trail " + t.id() + (t.property("IsOrganizationTrail").asBoolean(false) ? " (organization trail)" : "")
                + " in " + t.location().region();
    }
}
