package dev.cxscan.reports;

import dev.cxscan.reports.ControlVerdict.Automated;
import dev.cxscan.reports.ControlVerdict.EvidenceCoverage;
import dev.cxscan.reports.ControlVerdict.NotEvaluated;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns findings into one {@link ControlVerdict} and status per control. The verdict has three parts: the
 * automated result over the checks that ran, the checks feeding the control that did not run (and why), and each
 * evidence item of the checklist with what covers it. The status is the first that applies of FAIL (a check
 * failed), ERROR (a check could not judge), INCOMPLETE (a feeding check did not run), MANUAL (an evidence item is
 * not covered), ATTESTED (covered, but only by the user's documents: no check judged a resource), PASS.
 * Hints (catalog source H) give INFO findings: they never fail, so a hint that did not run keeps nothing from PASS.
 */
public final class ControlRollup {
    private ControlRollup() {
    }

    /**
     * What one scan evaluated: the ids of the checks that ran, whether it read an account and templates (to say why
     * the others did not run), and reasons the scan itself gives for checks it could not run (they win).
     */
    public record Coverage(Set<String> ran, boolean liveScan, boolean templateScan, Map<String, String> reasons) {
        public Coverage {
            ran = Set.copyOf(ran);
            reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
        }

        /** Coverage of a scan whose checks that ran are {@code checks}, described by {@code scan}. */
        public static Coverage of(ScanInfo scan, Collection<Check> checks, Map<String, String> reasons) {
            Set<String> ran = new LinkedHashSet<>();
            checks.forEach(c -> ran.add(c.id()));
            boolean live = scan != null && scan.account() != null;
            boolean templates = scan == null || !scan.templates().isEmpty() || !live;
            return new Coverage(ran, live, templates, reasons);
        }
    }

    /** Rolls up as if every check of the catalog ran (results built without scan metadata). */
    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings) {
        return rollUp(catalog, findings, EvidenceFile.none());
    }

    /** As {@link #rollUp(ControlCatalog, List)} with the user's documents. */
    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings, EvidenceFile evidence) {
        return rollUp(catalog, findings, evidence, null);
    }

    /**
     * @param coverage what the scan ran; null: every check of the catalog counts as run
     */
    public static List<ControlResult> rollUp(ControlCatalog catalog, List<Finding> findings, EvidenceFile evidence,
                                             Coverage coverage) {
        List<ControlResult> results = new ArrayList<>();
        for (Control control : catalog.controls()) {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                counts.put(s, 0);
            }
            Set<String> withFindings = new LinkedHashSet<>();
            for (Finding f : findings) {
                if (f.controls().contains(control.id())) {
                    counts.merge(f.status(), 1, Integer::sum);
                    withFindings.add(f.check());
                }
            }
            ControlVerdict verdict = verdict(catalog, control, counts, withFindings, evidence, coverage);
            results.add(new ControlResult(control.id(), control.title(), statusOf(verdict), null, counts,
                    verdict));
        }
        return results;
    }

    static ControlVerdict verdict(ControlCatalog catalog, Control control, Map<Status, Integer> counts,
                                  Set<String> withFindings, EvidenceFile evidence, Coverage coverage) {
        List<String> evaluated = new ArrayList<>();
        List<NotEvaluated> notEvaluated = new ArrayList<>();
        Set<String> feeding = new LinkedHashSet<>(control.checks());
        feeding.addAll(withFindings);
        for (String id : feeding) {
            boolean hint = catalog.check(id).map(c -> c.source().equals("H")).orElse(false);
            if (coverage == null || coverage.ran().contains(id) || withFindings.contains(id)) {
                evaluated.add(id);
            } else if (!hint) {
                notEvaluated.add(new NotEvaluated(id, reason(catalog, id, coverage)));
            }
        }
        Automated automated = counts.get(Status.FAIL) > 0 ? Automated.FAIL
                : counts.get(Status.ERROR) > 0 ? Automated.ERROR
                : counts.get(Status.PASS) + counts.get(Status.SUPPRESSED) > 0 ? Automated.PASS
                : Automated.NONE;

        EvidenceFile.ControlEvidence supplied = evidence.forControl(control.id())
                .filter(e -> !e.documents().isEmpty()).orElse(null);
        String documents = supplied == null ? null : "attached with --evidence (supplied by you, not judged by cxscan): "
                + String.join(", ", supplied.documents().stream().map(EvidenceFile.Document::label).toList());
        boolean implementationShown = automated == Automated.PASS && notEvaluated.isEmpty();
        List<EvidenceCoverage> items = new ArrayList<>();
        for (int i = 0; i < control.evidence().size(); i++) {
            String item = control.evidence().get(i);
            String kind = control.evidenceKinds().get(i);
            if (!control.isDocument(i) && implementationShown) {
                int passed = counts.get(Status.PASS) + counts.get(Status.SUPPRESSED);
                items.add(new EvidenceCoverage(item, kind, "findings", "this scan's findings: " + passed
                        + " passing evaluation(s) of " + evaluated.size() + " check(s), every feeding check evaluated"
                        + (documents == null ? "" : "; also " + documents)));
            } else if (documents != null) {
                items.add(new EvidenceCoverage(item, kind, "documents", documents));
            } else {
                items.add(new EvidenceCoverage(item, kind, null, control.isDocument(i)
                        ? "attach a document with --evidence"
                        : "no scan showed it (" + whyNotShown(automated, notEvaluated) + "): scan the customer example "
                        + "with every check, or attach a description with --evidence"));
            }
        }
        return new ControlVerdict(automated, evaluated, notEvaluated, items,
                missing(control, counts, notEvaluated, items));
    }

    private static String whyNotShown(Automated automated, List<NotEvaluated> notEvaluated) {
        return switch (automated) {
            case FAIL -> "an automated check failed";
            case ERROR -> "an automated check could not judge its data";
            case NONE -> "no automated check judged a resource";
            case PASS -> notEvaluated.size() + " feeding check(s) not evaluated";
        };
    }

    /** Why a check feeding a control did not run, from the scan's own reason or the check's source. */
    static String reason(ControlCatalog catalog, String id, Coverage coverage) {
        String given = coverage.reasons().get(id);
        if (given != null) {
            return given;
        }
        String source = catalog.check(id).map(CatalogCheck::source).orElse("");
        if (source.equals("L") && !coverage.liveScan()) {
            return "live-only: evaluated when cxscan account scans the customer's account";
        }
        if (source.equals("T") && !coverage.templateScan()) {
            return "template-only: evaluated on the workload's templates (cxscan account --template PATH)";
        }
        return "not run in this scan";
    }

    private static List<String> missing(Control control, Map<Status, Integer> counts, List<NotEvaluated> notEvaluated,
                                        List<EvidenceCoverage> items) {
        List<String> out = new ArrayList<>();
        int fails = counts.get(Status.FAIL);
        int errors = counts.get(Status.ERROR);
        if (fails > 0) {
            out.add("Fix " + fails + " failing evaluation" + (fails == 1 ? "" : "s") + " (FAIL findings)");
        }
        if (errors > 0) {
            out.add("Re-run " + errors + " evaluation" + (errors == 1 ? "" : "s") + " that could not complete (ERROR)");
        }
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        notEvaluated.forEach(n -> byReason.computeIfAbsent(n.reason(), r -> new ArrayList<>()).add(n.check()));
        byReason.forEach((reason, ids) -> out.add("Not evaluated in this scan: " + String.join(", ", ids) + " (" + reason + ")"));
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).covered()) {
                out.add((control.isDocument(i) ? "Attach: " : "Show by a scan where every check runs and passes, or attach: ") + items.get(i).item());
            }
        }
        return out;
    }

    /** The control's status from its verdict: the first that applies, in the order of {@link ControlRollup}. */
    static ControlStatus statusOf(ControlVerdict v) {
        if (v.automated() == Automated.FAIL) {
            return ControlStatus.FAIL;
        }
        if (v.automated() == Automated.ERROR) {
            return ControlStatus.ERROR;
        }
        if (!v.notEvaluated().isEmpty()) {
            return ControlStatus.INCOMPLETE;
        }
        if (!v.evidenceComplete()) {
            return ControlStatus.MANUAL;
        }
        // the documents cover everything, but no check judged a resource (none of their type, or the control has only
        // hints, which never pass): nothing of it was verified, it rests on the user's word
        if (v.automated() == Automated.NONE) {
            return ControlStatus.ATTESTED;
        }
        return ControlStatus.PASS;
    }
}
