package dev.cxscan.cdk;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.constructs.IConstruct;
import software.constructs.IValidation;

/**
 * The work of {@link CompetencyChecks} for one stack, registered as a validation of the stack so
 * it runs once per synthesis, after all aspects and after the app has been prepared.
 */
final class StackChecks implements IValidation {
    static final String REPORT_SUFFIX = ".cxscan.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompetencyChecks aspect;
    private final Stack stack;
    private boolean wholeStack;
    /** Resources in scope when the aspect was added below the stack, by construct path. */
    private final Map<String, CfnResource> covered = new HashMap<>();
    /** Annotations already added (synthesizing again must not repeat them). */
    private final Set<String> annotated = new HashSet<>();
    private volatile ScanResult lastResult;

    StackChecks(CompetencyChecks aspect, Stack stack) {
        this.aspect = aspect;
        this.stack = stack;
    }

    void coverWholeStack() {
        wholeStack = true;
    }

    void cover(CfnResource resource) {
        if (!wholeStack) {
            covered.put(resource.getNode().getPath(), resource);
        }
    }

    ScanResult lastResult() {
        return lastResult;
    }

    @Override
    public List<String> validate() {
        try {
            run();
        } catch (RuntimeException | IOException | TemplateFormatException e) {
            annotate(stack, true, "cxscan could not check " + stack.getNode().getPath() + ": " + e);
        }
        return List.of();
    }

    private void run() throws IOException, TemplateFormatException {
        Instant started = Instant.now();
        JsonNode bridged = JSON.readTree(TemplateBridge.templateJson(stack));
        String templateFile = stack.getTemplateFile();
        Template template = TemplateParser.parse(templateFile, stack.getArtifactId(),
                JSON.writeValueAsBytes(bridged.get("template")));
        Map<String, String> pathsById = new HashMap<>();
        bridged.path("constructs").fields().forEachRemaining(e -> pathsById.put(e.getKey(), e.getValue().asText()));

        List<Resource> resources = new ArrayList<>();
        for (Resource r : template.resources()) {
            ResourceRef ref = r.location();
            String path = pathsById.get(r.id());
            if (ref.cdkPath() == null && path != null) {
                // path metadata is off (plain `new App()` outside the CDK CLI): name the construct anyway
                ref = ResourceRef.template(ref.type(), ref.id(), ref.file(), ref.line(), path);
                r = new Resource(r.type(), r.id(), r.definition(), ref);
            }
            resources.add(r);
        }
        ResourceSet set = new ResourceSet(templateFile, false, resources);
        Diagnostics diagnostics = new Diagnostics();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : aspect.engine().evaluate(set, diagnostics)) {
            if (wholeStack || covered.containsKey(pathsById.getOrDefault(f.resource().id(), ""))) {
                findings.add(f);
            }
        }
        for (String warning : diagnostics.warnings()) {
            annotate(stack, false, "cxscan: " + warning);
        }
        for (Finding f : findings) {
            if (f.status() == Status.FAIL || f.status() == Status.ERROR) {
                String path = pathsById.get(f.resource().id());
                IConstruct target = path == null ? stack : construct(path);
                annotate(target, f.failsAt(aspect.failOn()), message(f, path));
            }
        }
        ScanResult result = ScanResult.of(ScanInfo.forTemplates(started, Instant.now(), List.of(templateFile)),
                findings, aspect.engine().checks());
        lastResult = result;
        if (aspect.reports()) {
            Path outdir = Path.of(Stage.of(stack).getOutdir());
            Files.createDirectories(outdir);
            JsonReportWriter.mapper().writeValue(outdir.resolve(stack.getArtifactId() + REPORT_SUFFIX).toFile(), result);
        }
    }

    /** "check (controls) at path: message. Remediation: ..." */
    private String message(Finding f, String path) {
        String where = path != null ? path : f.resource().type() + " " + f.resource().id();
        String remediation = aspect.remediation(f.check());
        return f.check() + " (" + String.join(", ", f.controls()) + ") at " + where + ": "
                + (f.status() == Status.ERROR ? "could not be evaluated: " : "") + f.message()
                + (remediation.isEmpty() ? "" : ". Remediation: " + remediation);
    }

    private IConstruct construct(String path) {
        CfnResource known = covered.get(path);
        if (known != null) {
            return known;
        }
        IConstruct node = stack.getNode().getRoot();
        for (String id : path.split("/")) {
            IConstruct child = node.getNode().tryFindChild(id);
            if (child == null) {
                return stack;
            }
            node = child;
        }
        return node;
    }

    private void annotate(IConstruct target, boolean error, String message) {
        String key = target.getNode().getPath() + (error ? " E " : " W ") + message;
        if (!annotated.add(key)) {
            return;
        }
        if (error) {
            Annotations.of(target).addError(message);
        } else {
            Annotations.of(target).addWarningV2("cxscan:" + message.split(" ", 2)[0], message);
        }
    }
}
