package dev.cxscan.reports.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * results.sarif: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).
 * Written with Jackson: the only SARIF object model on Maven Central (com.contrastsecurity:java-sarif)
 * has had no release since 2021, and the part of the format used here is small.
 *
 * <ul>
 *   <li>One rule per check that ran, with the remediation as help and GitHub's
 *       {@code security-severity} (critical 9.5, high 8.0, medium 5.5, low 3.0, info 0.0).</li>
 *   <li>A result per FAIL (level by severity: critical/high error, medium warning, low/info note),
 *       per SUPPRESSED (same level, with an {@code inSource} suppression carrying the reason), per
 *       ERROR (level warning: the resource could not be judged, which is not a confirmed violation
 *       but must stay visible; the message starts with "Could not evaluate") and per INFO (level
 *       note). PASS and NOT_APPLICABLE give no result.</li>
 *   <li>Template findings have a physical location (the template path relative to the working
 *       folder, forward slashes, and the resource's start line); live findings a logical location
 *       (the ARN).</li>
 *   <li>{@code partialFingerprints["cxscan/v1"]}: SHA-256 of check id, file (or ARN) and logical id,
 *       without the line, so a finding keeps its identity when lines move.</li>
 * </ul>
 */
public final class SarifWriter implements ReportWriter {
    public static final String FILE_NAME = "results.sarif";
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/cxscan/cxscan";
    public static final String FINGERPRINT_KEY = "cxscan/v1";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path workingDir;

    public SarifWriter() {
        this(Path.of("").toAbsolutePath());
    }

    /** @param workingDir absolute template paths under this folder are written relative to it */
    public SarifWriter(Path workingDir) {
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public Path write(ScanResult result, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        Object sarif = toSarif(result);
        dev.cxscan.reports.ReportFile.write(file, out -> MAPPER.writeValue(out, sarif));
        return file;
    }

    /** The SARIF log as a tree. */
    public ObjectNode toSarif(ScanResult result) {
        ObjectNode log = NODES.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", result.tool().name());
        driver.put("version", result.tool().version());
        driver.put("semanticVersion", result.tool().version());
        driver.put("informationUri", INFORMATION_URI);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (Check check : result.checks()) {
            if (!ruleIndex.containsKey(check.id())) {
                ruleIndex.put(check.id(), ruleIndex.size());
                rules.add(rule(check));
            }
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", !result.hasErrors());
        if (result.scan().startedAt() != null) {
            invocation.put("startTimeUtc", result.scan().startedAt().toString());
        }
        if (result.scan().finishedAt() != null) {
            invocation.put("endTimeUtc", result.scan().finishedAt().toString());
        }

        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            if (f.status() == Status.PASS || f.status() == Status.NOT_APPLICABLE) {
                continue;
            }
            Integer index = ruleIndex.get(f.check());
            if (index == null) { // a finding of a check whose metadata was not passed: describe it from the finding
                index = ruleIndex.size();
                ruleIndex.put(f.check(), index);
                rules.add(rule(new Check(f.check(), f.check(), f.severity(), f.controls(), "")));
            }
            results.add(result(f, index));
        }
        return log;
    }

    private ObjectNode rule(Check check) {
        ObjectNode rule = NODES.objectNode();
        rule.put("id", check.id());
        rule.put("name", pascalCase(check.id()));
        rule.putObject("shortDescription").put("text", check.title());
        Optional<CatalogCheck> catalog = ControlCatalog.bundled().check(check.id());
        String full = check.title() + catalog.map(c -> ". Passes when: " + c.passesWhen()).orElse("")
                + ". Controls: " + String.join(", ", check.controls()) + ".";
        rule.putObject("fullDescription").put("text", full);
        ObjectNode help = rule.putObject("help");
        String remediation = check.remediation().isBlank() ? "See " + check.helpUri() : check.remediation();
        help.put("text", remediation);
        help.put("markdown", "**Remediation:** " + remediation + "\n\nChecklist controls: "
                + String.join(", ", check.controls()) + ". Severity: " + check.severity().wireName() + ".");
        rule.put("helpUri", check.helpUri());
        rule.putObject("defaultConfiguration").put("level", level(check.severity()));
        ObjectNode props = rule.putObject("properties");
        ArrayNode controls = props.putArray("controls");
        check.controls().forEach(controls::add);
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        check.controls().forEach(tags::add);
        props.put("security-severity", securitySeverity(check.severity()));
        props.put("severity", check.severity().wireName());
        return rule;
    }

    private ObjectNode result(Finding f, int ruleIndex) {
        ObjectNode r = NODES.objectNode();
        r.put("ruleId", f.check());
        r.put("ruleIndex", ruleIndex);
        String text = f.message();
        switch (f.status()) {
            case ERROR -> {
                r.put("level", "warning");
                text = "Could not evaluate: " + f.message();
            }
            case INFO -> r.put("level", "note");
            default -> r.put("level", level(f.severity()));
        }
        r.putObject("message").put("text", (text == null || text.isBlank() ? f.check() : text));
        ResourceRef res = f.resource();
        if (res.file() != null) {
            ObjectNode location = r.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(res.file()));
            if (res.line() != null && res.line() > 0) {
                physical.putObject("region").put("startLine", res.line());
            }
            ObjectNode l = location.putArray("logicalLocations").addObject();
            l.put("name", res.id());
            l.put("fullyQualifiedName", res.cdkPath() != null ? res.cdkPath() : res.id());
            l.put("kind", "resource");
        } else {
            ObjectNode l = r.putArray("locations").addObject().putArray("logicalLocations").addObject();
            l.put("name", res.id());
            l.put("fullyQualifiedName", res.arn() != null ? res.arn() : res.id());
            l.put("kind", "resource");
        }
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint(f));
        if (f.status() == Status.SUPPRESSED) {
            ObjectNode s = r.putArray("suppressions").addObject();
            s.put("kind", "inSource");
            s.put("status", "accepted");
            s.put("justification", f.suppression() == null ? "" : f.suppression().reason());
        }
        ObjectNode props = r.putObject("properties");
        props.put("status", f.status().name());
        props.put("severity", f.severity().wireName());
        ArrayNode controls = props.putArray("controls");
        f.controls().forEach(controls::add);
        props.put("resourceType", res.type());
        if (res.cdkPath() != null) {
            props.put("cdkPath", res.cdkPath());
        }
        if (res.region() != null) {
            props.put("region", res.region());
        }
        if (res.name() != null) {
            props.put("resourceName", res.name());
        }
        if (res.tags() != null) {
            ObjectNode tags = props.putObject("resourceTags");
            res.tags().forEach(tags::put);
        }
        return r;
    }

    /** Stable identity of a finding: check, file (or ARN) and resource id; not the line. */
    String fingerprint(Finding f) {
        ResourceRef r = f.resource();
        String where = r.file() != null ? uri(r.file()) : String.valueOf(r.arn());
        String key = f.check() + "\n" + where + "\n" + r.id();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A relative URI with forward slashes; absolute paths outside the working folder become file: URIs. */
    String uri(String file) {
        String slashed = file.replace('\\', '/');
        Path p;
        try {
            p = Path.of(file);
        } catch (RuntimeException e) {
            return slashed;
        }
        if (p.isAbsolute()) {
            Path normal = p.normalize();
            if (!normal.startsWith(workingDir)) {
                return normal.toUri().toString();
            }
            slashed = workingDir.relativize(normal).toString().replace('\\', '/');
        }
        while (slashed.startsWith("./")) {
            slashed = slashed.substring(2);
        }
        try {
            return new URI(null, null, slashed, null).getRawPath();
        } catch (URISyntaxException e) {
            return slashed;
        }
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    static String pascalCase(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("[_\\-]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
