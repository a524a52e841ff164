package dev.cxscan.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checklist control as every human-facing writer presents it (HTML, CSV, Markdown, evidence pages):
 * the quoted checklist text, the rolled-up result, the checks with counts, the findings (failing first),
 * the waivers and suppressions, the documents still missing and the user's attested evidence.
 */
public record ControlView(Control control, ControlResult result, List<CheckRow> checks, List<Finding> failing,
                          List<Finding> suppressed, List<Finding> other,
                          Optional<EvidenceFile.ControlEvidence> attested) {

    /** A check of the control with its finding counts and the metadata of the implementation (when it ran). */
    public record CheckRow(String id, String title, Severity severity, String remediation, Map<Status, Integer> counts,
                           boolean ran) {
        public int count(Status s) {
            return counts.getOrDefault(s, 0);
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Failing findings first: FAIL before ERROR, then most severe, then check and resource. */
    public static final Comparator<Finding> FAILING_FIRST = Comparator
            .comparingInt((Finding f) -> statusRank(f.status()))
            .thenComparing(Finding::severity)
            .thenComparing(Finding::check)
            .thenComparing(f -> f.resource() == null ? "" : String.valueOf(f.resource().id()));

    public static int statusRank(Status s) {
        return switch (s) {
            case FAIL -> 0;
            case ERROR -> 1;
            case SUPPRESSED -> 2;
            case PASS -> 3;
            case INFO -> 4;
            case NOT_APPLICABLE -> 5;
        };
    }

    /** The views of every control of the catalog, in checklist order. */
    public static List<ControlView> of(ScanResult result) {
        return of(result, ControlCatalog.bundled());
    }

    public static List<ControlView> of(ScanResult result, ControlCatalog catalog) {
        List<ControlView> views = new ArrayList<>();
        for (ControlResult cr : result.controls()) {
            Control control = catalog.control(cr.id()).orElse(new Control(cr.id(), cr.title(), "", List.of(), List.of(), List.of()));
            List<Finding> mine = result.findings().stream().filter(f -> f.controls().contains(cr.id()))
                    .sorted(FAILING_FIRST).toList();
            List<CheckRow> checks = new ArrayList<>();
            List<String> ids = new ArrayList<>(control.checks());
            mine.stream().map(Finding::check).distinct().filter(id -> !ids.contains(id)).forEach(ids::add);
            for (String id : ids) {
                Map<Status, Integer> counts = new EnumMap<>(Status.class);
                for (Finding f : mine) {
                    if (f.check().equals(id)) {
                        counts.merge(f.status(), 1, Integer::sum);
                    }
                }
                Optional<Check> meta = result.check(id);
                Optional<CatalogCheck> cat = catalog.check(id);
                String title = meta.map(Check::title).orElse(cat.map(CatalogCheck::passesWhen).orElse(id));
                Severity sev = meta.map(Check::severity).orElse(cat.map(CatalogCheck::severity).orElse(Severity.INFO));
                checks.add(new CheckRow(id, title, sev, meta.map(Check::remediation).orElse(""), counts,
                        meta.isPresent() || !counts.isEmpty()));
            }
            views.add(new ControlView(control, cr, checks,
                    mine.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR).toList(),
                    mine.stream().filter(f -> f.status() == Status.SUPPRESSED).toList(),
                    mine.stream().filter(f -> f.status() != Status.FAIL && f.status() != Status.ERROR
                            && f.status() != Status.SUPPRESSED).toList(),
                    result.userEvidence().forControl(cr.id())));
        }
        return views;
    }

    public String id() {
        return control.id();
    }

    public ControlStatus status() {
        return result.status();
    }

    /** "12 PASS, 3 FAIL, 1 SUPPRESSED" (statuses with a count only), or "no automated finding". */
    public String automatedSummary() {
        List<String> parts = new ArrayList<>();
        for (Status s : Status.values()) {
            int n = result.counts() == null ? 0 : result.counts().getOrDefault(s, 0);
            if (n > 0) {
                parts.add(n + " " + s.name());
            }
        }
        return parts.isEmpty() ? "no automated finding" : String.join(", ", parts);
    }

    /** The remediation of a finding's check, if it ran. */
    public String remediation(Finding f) {
        return checks.stream().filter(c -> c.id().equals(f.check())).map(CheckRow::remediation).findFirst().orElse("");
    }

    /** What still keeps the control from passing, one item per line (the verdict's); empty when nothing is missing. */
    public List<String> missing() {
        return result.missing();
    }

    /** The verdict the status is derived from. */
    public ControlVerdict verdict() {
        return result.verdict();
    }

    /**
     * "PASS over 9 of 11 checks: 12 PASS, 1 SUPPRESSED" - the automated part of the verdict with the finding counts;
     * "no check ran" when none did.
     */
    public String automatedLine() {
        ControlVerdict v = result.verdict();
        if (v == null) {
            return automatedSummary();
        }
        int feeding = v.evaluated().size() + v.notEvaluated().size();
        if (v.evaluated().isEmpty()) {
            return "no check feeding this control ran in this scan";
        }
        String outcome = v.automated() == ControlVerdict.Automated.NONE ? "nothing to judge" : v.automated().name();
        return outcome + " over " + v.evaluated().size() + " of " + feeding + " check(s): " + automatedSummary();
    }

    /** The documents the user attached, as labels, or an empty list. */
    public List<String> attachedLabels() {
        return attested.map(e -> e.documents().stream().map(EvidenceFile.Document::label).toList()).orElse(List.of());
    }
}
