package dev.cxscan.reports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into one status per control. Order of precedence: any FAIL makes the control FAIL;
 * else any ERROR makes it ERROR (unknown is never a pass); else, while the control asks for a document
 * no API can judge or nothing automated was evaluated, it is ATTESTED when the user supplied evidence
 * for it (--evidence) and MANUAL otherwise; else PASS. User evidence never turns a control into PASS
 * and never hides a FAIL or ERROR.
 */
public final class ControlRollup {
    private ControlRollup() {
    }

    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings) {
        return rollUp(catalog, findings, EvidenceFile.none());
    }

    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings, EvidenceFile evidence) {
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
            boolean attested = evidence.covers(control.id());
            results.add(new ControlResult(control.id(), control.title(), statusOf(control, counts, attested), null, counts));
        }
        return results;
    }

    static ControlStatus statusOf(Control control, Map<Status, Integer> counts) {
        return statusOf(control, counts, false);
    }

    static ControlStatus statusOf(Control control, Map<Status, Integer> counts, boolean attested) {
        if (counts.get(Status.FAIL) > 0) {
            return ControlStatus.FAIL;
        }
        if (counts.get(Status.ERROR) > 0) {
            return ControlStatus.ERROR;
        }
        ControlStatus missing = attested ? ControlStatus.ATTESTED : ControlStatus.MANUAL;
        if (!control.manualEvidence().isEmpty()) {
            return missing;
        }
        boolean judged = counts.get(Status.PASS) + counts.get(Status.SUPPRESSED) > 0;
        return judged ? ControlStatus.PASS : missing;
    }
}
