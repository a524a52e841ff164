package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A check as CHECKS.md lists it, before any implementation: id, where it runs and what passes.
 *
 * @param source T (templates), L (live account), B (both), H (live hint for a MANUAL control)
 */
@JsonPropertyOrder({"id", "source", "severity", "controls", "passesWhen"})
public record CatalogCheck(String id, String source, Severity severity, List<String> controls, String passesWhen) {
    public CatalogCheck {
        controls = List.copyOf(controls);
    }

    public boolean runsOnTemplates() {
        return source.equals("T") || source.equals("B");
    }

    public boolean runsLive() {
        return !source.equals("T");
    }
}
