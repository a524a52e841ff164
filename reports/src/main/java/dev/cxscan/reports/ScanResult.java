package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.wafr.WafrImport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan produced: results.json (schemaVersion 1) is this record serialized.
 * {@code checks} (the metadata of the checks that ran) is kept for writers such as SARIF but is not
 * part of results.json; neither are {@code userEvidence} (the --evidence file, for the HTML report,
 * the CSV and the evidence bundle) and {@code resourceData} (per resource, the template entry or API
 * answer its findings were judged on, for the evidence bundle; always passed through {@link Redactor}
 * before it is written).
 */
@JsonPropertyOrder({"schemaVersion", "tool", "scan", "controls", "findings", "wafr", "evidence"})
public record ScanResult(int schemaVersion, ToolInfo tool, ScanInfo scan, List<ControlResult> controls,
                         List<Finding> findings, @JsonIgnore List<Check> checks,
                         @JsonIgnore EvidenceFile userEvidence, @JsonIgnore Map<ResourceRef, JsonNode> resourceData,
                         @JsonInclude(JsonInclude.Include.NON_NULL) WafrImport wafr,
                         @JsonInclude(JsonInclude.Include.ALWAYS) EvidenceBundleInfo evidence) {
    public static final int SCHEMA_VERSION = 1;

    public ScanResult {
        controls = List.copyOf(controls);
        findings = List.copyOf(findings);
        checks = checks == null ? List.of() : List.copyOf(checks);
        userEvidence = userEvidence == null ? EvidenceFile.none() : userEvidence;
        resourceData = resourceData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(resourceData));
    }

    /** A result whose evidence bundle is not written (yet). */
    public ScanResult(int schemaVersion, ToolInfo tool, ScanInfo scan, List<ControlResult> controls,
                      List<Finding> findings, List<Check> checks, EvidenceFile userEvidence,
                      Map<ResourceRef, JsonNode> resourceData, WafrImport wafr) {
        this(schemaVersion, tool, scan, controls, findings, checks, userEvidence, resourceData, wafr, null);
    }

    public ScanResult(int schemaVersion, ToolInfo tool, ScanInfo scan, List<ControlResult> controls,
                      List<Finding> findings, List<Check> checks) {
        this(schemaVersion, tool, scan, controls, findings, checks, null, null, null, null);
    }

    /** A result without an imported Well-Architected review. */
    public ScanResult(int schemaVersion, ToolInfo tool, ScanInfo scan, List<ControlResult> controls,
                      List<Finding> findings, List<Check> checks, EvidenceFile userEvidence,
                      Map<ResourceRef, JsonNode> resourceData) {
        this(schemaVersion, tool, scan, controls, findings, checks, userEvidence, resourceData, null);
    }

    /** Builds the result and rolls findings up into control statuses with the bundled catalog. */
    public static ScanResult of(ScanInfo scan, List<Finding> findings, List<Check> checks) {
        return of(scan, findings, checks, EvidenceFile.none());
    }

    /** As {@link #of(ScanInfo, List, List)}, with the user's documents (--evidence). */
    public static ScanResult of(ScanInfo scan, List<Finding> findings, List<Check> checks, EvidenceFile userEvidence) {
        return of(scan, findings, checks, userEvidence, Map.of());
    }

    /**
     * Builds the result: {@code checks} are the checks that ran; a check of the catalog that is not among them is
     * "not evaluated" in the verdict of the controls it feeds, with the reason {@code notEvaluated} gives for it
     * (check id to reason) or one derived from where the check runs (live-only, template-only).
     */
    public static ScanResult of(ScanInfo scan, List<Finding> findings, List<Check> checks, EvidenceFile userEvidence,
                                Map<String, String> notEvaluated) {
        ControlRollup.Coverage coverage = ControlRollup.Coverage.of(scan, checks == null ? List.of() : checks,
                notEvaluated);
        return new ScanResult(SCHEMA_VERSION, ToolInfo.current(), scan,
                ControlRollup.rollUp(ControlCatalog.bundled(), findings, userEvidence, coverage), findings, checks,
                userEvidence, null);
    }

    /**
     * The same result with, per resource location (the {@link Finding#resource()} of its findings), the
     * data it was judged on: the template entry or the API answer in CloudFormation shape.
     */
    public ScanResult withResourceData(Map<ResourceRef, JsonNode> data) {
        return new ScanResult(schemaVersion, tool, scan, controls, findings, checks, userEvidence, data, wafr, evidence);
    }

    /**
     * The same result with the control statuses and waivers an imported Well-Architected review produced
     * (see {@link dev.cxscan.reports.wafr.WafrRules#apply}).
     */
    public ScanResult withWafr(List<ControlResult> controls, WafrImport wafr) {
        return new ScanResult(schemaVersion, tool, scan, controls, findings, checks, userEvidence, resourceData, wafr,
                evidence);
    }

    /**
     * The same result with what the evidence bundle writer reported (the manifest's SHA-256 and signer). It
     * holds only hashes: a result already scrubbed stays scrubbed, and is not redacted again.
     */
    public ScanResult withEvidence(EvidenceBundleInfo info) {
        ScanResult r = new ScanResult(schemaVersion, tool, scan, controls, findings, checks, userEvidence, resourceData,
                wafr, info);
        Redactor.scrubbedAs(this, r);
        return r;
    }

    /** The metadata of a check that ran, if known. */
    public java.util.Optional<Check> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * True when a FAIL at or above the threshold exists; {@code null} threshold (none) never fails. A finding
     * that only feeds WAIVED controls does not count (a FAIL normally prevents the waiver, so this matters
     * only for results built by other means).
     */
    public boolean failsAt(Severity threshold) {
        if (threshold == null) {
            return false;
        }
        java.util.Set<String> waived = new java.util.HashSet<>();
        controls.stream().filter(c -> c.status() == ControlStatus.WAIVED).forEach(c -> waived.add(c.id()));
        return findings.stream().anyMatch(f -> f.failsAt(threshold)
                && (f.controls().isEmpty() || !waived.containsAll(f.controls())));
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.status() == Status.ERROR);
    }
}
