package dev.cxscan.scanner.template;

import dev.cxscan.checks.Diagnostics;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateLoader;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.scanner.ResourceData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The template scan: load every template under the inputs, evaluate each template's resources
 * (references resolve inside one template), and roll the findings up into a {@link ScanResult}.
 * Input problems go to the {@link Diagnostics}; what could be loaded is still scanned.
 */
public final class TemplateScan {
    /**
     * @param result    what the reports are written from
     * @param templates how many templates were scanned
     * @param resources how many resources they hold
     */
    public record Outcome(ScanResult result, int templates, int resources) {
    }

    /** Below this many resources a scan is too short for threads to pay off. */
    static final int PARALLEL_THRESHOLD = 2000;

    private final RuleEngine engine;

    public TemplateScan(RuleEngine engine) {
        this.engine = engine;
    }

    public Outcome run(List<Path> inputs, Diagnostics diagnostics) {
        return run(inputs, diagnostics, EvidenceFile.none());
    }

    /**
     * Scans and rolls up with the user's evidence for MANUAL controls (ATTESTED). The result carries, per
     * resource with a finding, its template entry ({@link dev.cxscan.checks.Resource#definition()}): the excerpt the evidence
     * bundle shows for each finding (redacted by the writers) and what teaches the redactor the secret
     * values to remove from every other text.
     */
    public Outcome run(List<Path> inputs, Diagnostics diagnostics, EvidenceFile evidence) {
        Instant started = Instant.now();
        List<Template> templates = new TemplateLoader(diagnostics).load(inputs);
        List<String> paths = templates.stream().map(Template::path).toList();
        int resources = templates.stream().mapToInt(t -> t.resources().size()).sum();
        // templates are independent scopes and rules are stateless: evaluate them on every core,
        // keeping the findings in template order
        boolean parallel = templates.size() > 1 && resources >= PARALLEL_THRESHOLD;
        List<Finding> findings = (parallel ? templates.parallelStream() : templates.stream())
                .map(t -> engine.evaluate(t.resourceSet(), diagnostics))
                .flatMap(List::stream)
                .toList();
        ScanInfo info = ScanInfo.forTemplates(started, Instant.now(), paths);
        ScanResult result = ScanResult.of(info, findings, engine.checks(), evidence)
                .withResourceData(resourceData(templates, findings));
        return new Outcome(result, templates.size(), resources);
    }

    /** Location to template entry, for the resources that have findings, in finding order. */
    static Map<ResourceRef, JsonNode> resourceData(List<Template> templates, List<Finding> findings) {
        return ResourceData.of(templates.stream().flatMap(t -> t.resources().stream()).toList(), findings);
    }
}
