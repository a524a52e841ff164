package dev.cxscan.cdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateFormatException;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;

/**
 * The work of {@link CompetencyChecks} for one stack, run once per synthesis when the stack
 * synthesizer renders the template: after all aspects, after the app has been prepared and validated.
 * Set the environment variable {@code CXSCAN_TIMING} to print the time each step takes.
 */
final class StackChecks {
    static final String REPORT_SUFFIX = ".cxscan.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean TIMING = System.getenv("CXSCAN_TIMING") != null;
    /** results.json's mapper, built once (building one costs more than evaluating a stack). */
    private static final ObjectMapper REPORT = JsonReportWriter.mapper();

    private final CompetencyChecks aspect;
    private final Stack stack;
    /** Annotations already added (synthesizing again must not repeat them). */
    private final Set<String> annotated = new HashSet<>();
    private volatile ScanResult lastResult;

    StackChecks(CompetencyChecks aspect, Stack stack) {
        this.aspect = aspect;
        this.stack = stack;
    }

    ScanResult lastResult() {
        return lastResult;
    }

    /**
     * @param scope    null for the whole stack, else a JSON list of the construct paths in scope
     * @param rendered what the bridge passes (see {@link TemplateBridge.Rendered})
     * @return the annotations for the bridge to add, or null
     */
    String run(String scope, String rendered) {
        try {
            return evaluate(scope == null ? null : new HashSet<>(Arrays.asList(JSON.readValue(scope, String[].class))),
                    TemplateBridge.Rendered.parse(rendered));
        } catch (RuntimeException | IOException | TemplateFormatException e) {
            Annotations.of(stack).addError("cxscan could not check " + stack.getNode().getPath() + ": " + e);
            return null;
        }
    }

    private String evaluate(Set<String> covered, TemplateBridge.Rendered rendered) throws IOException, TemplateFormatException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        long cpu0 = TIMING ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
        String templateFile = rendered.templateFile();
        Template template = TemplateParser.parse(templateFile, rendered.artifactId(),
                rendered.templateJson().getBytes(StandardCharsets.UTF_8));
        Map<String, String> pathsById = rendered.constructs();
        long t1 = System.nanoTime();

        List<Resource> resources = new ArrayList<>();
        for (Resource r : template.resources()) {
            ResourceRef ref = r.location();
            String path = pathsById.get(r.id());
            if (ref.cdkPath() == null && path != null) {
                // path metadata is off (plain `new App()` outside the CDK CLI): name the construct anyway
                ref = ref.withCdkPath(path);
                r = new Resource(r.type(), r.id(), r.definition(), ref);
            }
            resources.add(r);
        }
        ResourceSet set = new ResourceSet(templateFile, false, resources);
        Diagnostics diagnostics = new Diagnostics();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : aspect.engine().evaluate(set, diagnostics)) {
            if (covered == null || covered.contains(pathsById.getOrDefault(f.resource().id(), ""))) {
                findings.add(f);
            }
        }
        long t2 = System.nanoTime();
        List<TemplateBridge.Annotation> annotations = new ArrayList<>();
        for (String warning : diagnostics.warnings()) {
            add(annotations, null, false, "cxscan", "cxscan: " + warning);
        }
        for (Finding f : findings) {
            if (f.status() == Status.FAIL || f.status() == Status.ERROR) {
                String path = pathsById.get(f.resource().id());
                add(annotations, path, f.failsAt(aspect.failOn()), "cxscan:" + f.check(), message(f, path));
            }
        }
        String items = TemplateBridge.annotations(stack, annotations);
        long t3 = System.nanoTime();
        ScanResult result = ScanResult.of(ScanInfo.forTemplates(started, Instant.now(), List.of(templateFile)),
                findings, aspect.engine().checks());
        lastResult = result;
        if (aspect.reports() && rendered.outdir() != null) {
            Path outdir = Path.of(rendered.outdir());
            Files.createDirectories(outdir);
            REPORT.writeValue(outdir.resolve(rendered.artifactId() + REPORT_SUFFIX).toFile(), result);
        }
        if (TIMING) {
            System.err.printf("cxscan %s: parse %.1f ms (%d chars), rules %.1f ms, annotations %.1f ms (%d), report %.1f ms; thread cpu %.1f ms%n",
                    rendered.path(), (t1 - t0) / 1e6, rendered.templateJson().length(), (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6, annotations.size(), (System.nanoTime() - t3) / 1e6,
                    (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6);
        }
        return items;
    }

    /** "check (controls) at path: message. Remediation: ..." */
    private String message(Finding f, String path) {
        String where = path != null ? path : f.resource().type() + " " + f.resource().id();
        String remediation = aspect.remediation(f.check());
        return f.check() + " (" + String.join(", ", f.controls()) + ") at " + where + ": "
                + (f.status() == Status.ERROR ? "could not be evaluated: " : "") + f.message()
                + (remediation.isEmpty() ? "" : ". Remediation: " + remediation);
    }

    /** Queues an annotation unless an earlier synthesis of this app already added it. */
    private void add(List<TemplateBridge.Annotation> out, String path, boolean error, String id, String message) {
        if (annotated.add((path == null ? "" : path) + (error ? " E " : " W ") + message)) {
            out.add(new TemplateBridge.Annotation(path, error, id, message));
        }
    }
}
