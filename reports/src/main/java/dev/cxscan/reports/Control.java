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
 * @param checks      ids of the automated checks that feed this control
 * @param manualEvidence documents no API can judge; the control stays MANUAL until they are attached
 * @param wafr        the Well-Architected review answers that waive the control ({@link WafrMapping#none()} when absent)
 */
@JsonPropertyOrder({"id", "title", "requirement", "evidence", "checks", "manualEvidence", "wafr"})
public record Control(String id, String title, String requirement, List<String> evidence,
                      List<String> checks, List<String> manualEvidence, WafrMapping wafr) {
    public Control {
        evidence = List.copyOf(evidence);
        checks = List.copyOf(checks);
        manualEvidence = manualEvidence == null ? List.of() : List.copyOf(manualEvidence);
        wafr = wafr == null ? WafrMapping.none() : wafr;
    }

    /** A control no Well-Architected review can waive. */
    public Control(String id, String title, String requirement, List<String> evidence,
                   List<String> checks, List<String> manualEvidence) {
        this(id, title, requirement, evidence, checks, manualEvidence, null);
    }
}
