package dev.cxscan.reports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into one status per control. Order of precedence: any FAIL makes the control FAIL;
 * else any ERROR makes it ERROR (unknown is never a pass); else it is MANUAL while the control asks
 * for a document no API can judge, or when nothing automated was evaluated; else PASS.
 */
public final class ControlRollup {
    private ControlRollup() {
    }

    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings) {
        List<ControlResult> results = new ArrayList<>();
        for (Control control : catalog.controls()) {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0);
            }
            for (Finding f : findings) {
                if (f.controls().contains(control.id())) {
                    counts.merge(f.status(), 1, Integer::sum);
                }
            }
            results.add(new ControlResult(control.id(), control.title(), statusOf(control, counts), null, counts));
        }
        return results;
    }

    static ControlStatus statusOf(Control control, Map<Status, Integer> counts) {
        if (counts.get(Status.FAIL) > 0) {
            return ControlStatus.FAIL;
        }
        if (counts.get(Status.ERROR) > 0) {
            return ControlStatus.ERROR;
        }
        if (!control.manualEvidence().isEmpty()) {
            return ControlStatus.MANUAL;
        }
        boolean judged = counts.get(Status.PASS) + counts.get(Status.SUPPRESSED) > 0;
        return judged ? ControlStatus.PASS : ControlStatus.MANUAL;
    }
}
