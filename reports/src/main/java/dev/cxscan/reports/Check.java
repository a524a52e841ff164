package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * Metadata of one automated check: the catalog contract of CHECKS.md.
 *
 * @param id          stable snake_case id, never renamed
 * @param title       one line saying what passes
 * @param severity    how much a FAIL matters
 * @param controls    checklist control ids this check feeds (e.g. NETSEC-002)
 * @param remediation what to change to make it pass
 */
@JsonPropertyOrder({"id", "title", "severity", "controls", "remediation"})
public record Check(String id, String title, Severity severity, List<String> controls, String remediation) {
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        controls = List.copyOf(controls);
        if (controls.isEmpty()) {
            throw new IllegalArgumentException("check " + id + " feeds no control");
        }
        remediation = remediation == null ? "" : remediation;
    }

    public static Check of(String id, String title, Severity severity, String control, String remediation) {
        return new Check(id, title, severity, List.of(control), remediation);
    }

    /** Documentation address used by SARIF help links and reports. */
    public String helpUri() {
        return "https://github.com/cxscan/cxscan/blob/main/docs/checks.md#" + id;
    }
}
