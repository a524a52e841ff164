package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One control in results.json: its status, finding counts per status, and the {@link ControlVerdict} the status
 * is derived from (added in schema version 1 as an additive field; null only for results built without a verdict).
 */
@JsonPropertyOrder({"id", "title", "status", "waiver", "counts", "verdict"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlResult(String id, String title, ControlStatus status, Map<String, Object> waiver,
                            Map<Status, Integer> counts, ControlVerdict verdict) {

    /** A result without a verdict breakdown. */
    public ControlResult(String id, String title, ControlStatus status, Map<String, Object> waiver,
                         Map<Status, Integer> counts) {
        this(id, title, status, waiver, counts, null);
    }

    /** The same control with a review's record, WAIVED (and the verdict's missing items covered) when it waives. */
    public ControlResult reviewed(Map<String, Object> record, boolean waives) {
        if (!waives) {
            return new ControlResult(id, title, status, record, counts, verdict);
        }
        String by = record == null ? "Well-Architected review" : WaiverText.summary(record);
        return new ControlResult(id, title, ControlStatus.WAIVED, record, counts,
                verdict == null ? null : verdict.waived(by));
    }

    /** The verdict's missing items, or none. */
    public java.util.List<String> missing() {
        return verdict == null ? java.util.List.of() : verdict.missing();
    }
}
