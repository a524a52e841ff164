package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One control of the checklist's "Common Customer Example Requirements", quoted from the checklist.
 *
 * @param id          checklist id, e.g. NETSEC-002
 * @param title       the checklist's heading for the control
 * @param requirement the requirement text, quoted
 * @param evidence    "Please provide the following as evidence" items, quoted
 * @param evidenceKinds per evidence item, what can cover it: {@code document} (only a document the partner attaches)
 *                    or {@code implementation} (how the control is implemented in a customer example: this scan's
 *                    findings when its automated checks all ran and passed, or a document)
 * @param checks      ids of the automated checks that feed this control
 * @param manualEvidence documents no API can judge; the control stays MANUAL until they are attached
 * @param wafr        the Well-Architected review answers that waive the control ({@link WafrMapping#none()} when absent)
 */
@JsonPropertyOrder({"id", "title", "requirement", "evidence", "evidenceKinds", "checks", "manualEvidence", "wafr"})
public record Control(String id, String title, String requirement, List<String> evidence, List<String> evidenceKinds,
                      List<String> checks, List<String> manualEvidence, WafrMapping wafr) {
    /** An evidence item only a document can cover. */
    public static final String DOCUMENT = "document";
    /** An evidence item the scan's findings can cover: how the control is implemented in the customer example. */
    public static final String IMPLEMENTATION = "implementation";

    public Control {
        evidence = List.copyOf(evidence);
        // an item without a kind is a document: nothing but the partner's document may cover what is not declared
        List<String> kinds = new java.util.ArrayList<>(evidenceKinds == null ? List.of() : evidenceKinds);
        while (kinds.size() < evidence.size()) {
            kinds.add(DOCUMENT);
        }
        for (String k : kinds) {
            if (!k.equals(DOCUMENT) && !k.equals(IMPLEMENTATION)) {
                throw new IllegalArgumentException("control " + id + ": unknown evidence kind '" + k + "'");
            }
        }
        if (kinds.size() != evidence.size()) {
            throw new IllegalArgumentException("control " + id + ": " + kinds.size() + " evidence kinds for "
                    + evidence.size() + " evidence items");
        }
        evidenceKinds = List.copyOf(kinds);
        checks = List.copyOf(checks);
        manualEvidence = manualEvidence == null ? List.of() : List.copyOf(manualEvidence);
        wafr = wafr == null ? WafrMapping.none() : wafr;
    }

    /** A control no Well-Architected review can waive. */
    public Control(String id, String title, String requirement, List<String> evidence,
                   List<String> checks, List<String> manualEvidence) {
        this(id, title, requirement, evidence, null, checks, manualEvidence, null);
    }

    /** True when this control's evidence item {@code i} is a document only the partner can supply. */
    public boolean isDocument(int i) {
        return evidenceKinds.get(i).equals(DOCUMENT);
    }
}
