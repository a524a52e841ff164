package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Everything one scan produced: results.json (schemaVersion 1) is this record serialized.
 * {@code checks} (the metadata of the checks that ran) is kept for writers such as SARIF but is not
 * part of results.json.
 */
@JsonPropertyOrder({"schemaVersion", "tool", "scan", "controls", "findings"})
public record ScanResult(int schemaVersion, ToolInfo tool, ScanInfo scan, List<ControlResult> controls,
                         List<Finding> findings, @JsonIgnore List<Check> checks) {
    public static final int SCHEMA_VERSION = 1;

    public ScanResult {
        controls = List.copyOf(controls);
        findings = List.copyOf(findings);
        checks = List.copyOf(checks);
    }

    /** Builds the result and rolls findings up into control statuses with the bundled catalog. */
    public static ScanResult of(ScanInfo scan, List<Finding> findings, List<Check> checks) {
        return new ScanResult(SCHEMA_VERSION, ToolInfo.current(), scan,
                ControlRollup.rollUp(ControlCatalog.bundled(), findings), findings, checks);
    }

    /** True when a FAIL at or above the threshold exists; {@code null} threshold (none) never fails. */
    public boolean failsAt(Severity threshold) {
        return threshold != null && findings.stream().anyMatch(f -> f.failsAt(threshold));
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.status() == Status.ERROR);
    }
}
