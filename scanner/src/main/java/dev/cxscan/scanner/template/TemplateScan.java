package dev.cxscan.scanner.template;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateLoader;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    private final RuleEngine engine;

    public TemplateScan(RuleEngine engine) {
        this.engine = engine;
    }

    public Outcome run(List<Path> inputs, Diagnostics diagnostics) {
        Instant started = Instant.now();
        List<Template> templates = new TemplateLoader(diagnostics).load(inputs);
        List<Finding> findings = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int resources = 0;
        for (Template t : templates) {
            paths.add(t.path());
            resources += t.resources().size();
            findings.addAll(engine.evaluate(t.resourceSet(), diagnostics));
        }
        ScanInfo info = ScanInfo.forTemplates(started, Instant.now(), paths);
        return new Outcome(ScanResult.of(info, findings, engine.checks()), templates.size(), resources);
    }
}
