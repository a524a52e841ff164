package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The result of one check on one resource: exactly one per evaluated (check, resource) pair. */
@JsonPropertyOrder({"check", "controls", "status", "severity", "resource", "message", "suppression"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(String check, List<String> controls, Status status, Severity severity,
                      ResourceRef resource, String message, Suppression suppression) {
    public Finding {
        controls = List.copyOf(controls);
    }

    public static Finding of(Check check, Status status, ResourceRef resource, String message) {
        return new Finding(check.id(), check.controls(), status, check.severity(), resource, message, null);
    }

    public Finding suppressed(String reason) {
        return new Finding(check, controls, Status.SUPPRESSED, severity, resource, message, new Suppression(reason));
    }

    /** A FAIL at or above the threshold: what makes the exit code 1. */
    public boolean failsAt(Severity threshold) {
        return status == Status.FAIL && severity.atLeast(threshold);
    }
}
