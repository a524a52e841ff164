package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A control's verdict broken into the parts an auditor can take literally (results.json {@code verdict}):
 * what the checks that ran found, which checks feeding the control did not run in this scan and why, and each
 * piece of evidence the checklist asks for with what covers it. {@link ControlResult#status()} is derived from
 * these parts ({@link ControlRollup}); {@code missing} says, one line each, what keeps the control from PASS.
 *
 * @param automated    the result over the checks that ran: PASS (something was judged and nothing failed), FAIL,
 *                     ERROR, or NONE (the checks that ran found nothing to judge)
 * @param evaluated    ids of the checks feeding the control that ran in this scan
 * @param notEvaluated checks feeding the control that did not run in this scan, each with why
 * @param evidence     each evidence item of the checklist, in checklist order, with what covers it
 * @param missing      what keeps the control from PASS, one line each; empty for PASS
 */
@JsonPropertyOrder({"automated", "evaluated", "notEvaluated", "evidence", "missing"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlVerdict(Automated automated, List<String> evaluated, List<NotEvaluated> notEvaluated,
                             List<EvidenceCoverage> evidence, List<String> missing) {
    public ControlVerdict {
        evaluated = List.copyOf(evaluated);
        notEvaluated = List.copyOf(notEvaluated);
        evidence = List.copyOf(evidence);
        missing = List.copyOf(missing);
    }

    /** The result over the checks that ran. */
    public enum Automated {
        PASS, FAIL, ERROR,
        /** The checks that ran found nothing to judge (no resource of their type, or only hints). */
        NONE
    }

    /** A check that feeds the control but did not run in this scan. */
    @JsonPropertyOrder({"check", "reason"})
    public record NotEvaluated(String check, String reason) {
    }

    /**
     * One evidence item the checklist asks for.
     *
     * @param item      the checklist's words
     * @param kind      {@link Control#DOCUMENT} or {@link Control#IMPLEMENTATION}
     * @param coveredBy {@code findings} (this scan's passing checks show the implementation), {@code documents}
     *                  (attached with --evidence: supplied by the partner, not judged by cxscan), {@code waiver} (a
     *                  Well-Architected review), or null: missing
     * @param detail    what covers it, in words (the documents' titles, the findings counted), or what to supply
     */
    @JsonPropertyOrder({"item", "kind", "coveredBy", "detail"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EvidenceCoverage(String item, String kind, String coveredBy, String detail) {
        public boolean covered() {
            return coveredBy != null;
        }
    }

    /** True when every evidence item is covered. */
    public boolean evidenceComplete() {
        return evidence.stream().allMatch(EvidenceCoverage::covered);
    }

    /**
     * The verdict once a Well-Architected review waived the control: the items nothing else covered are covered
     * by the waiver; what was not evaluated stays listed (the review does not run checks).
     */
    public ControlVerdict waived(String by) {
        List<EvidenceCoverage> items = new ArrayList<>();
        for (EvidenceCoverage e : evidence) {
            items.add(e.covered() ? e : new EvidenceCoverage(e.item(), e.kind(), "waiver", by));
        }
        return new ControlVerdict(automated, evaluated, notEvaluated, items, List.of());
    }
}
