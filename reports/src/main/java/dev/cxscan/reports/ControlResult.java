package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** One control's rolled-up status in results.json, with finding counts per status. */
@JsonPropertyOrder({"id", "title", "status", "waiver", "counts"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlResult(String id, String title, ControlStatus status, Map<String, Object> waiver,
                            Map<Status, Integer> counts) {
}
