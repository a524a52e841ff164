package dev.cxscan.reports.csv;

import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two CSV files (RFC 4180, UTF-8 with a byte-order mark so Excel shows the checklist's bullets and quotes):
 * <ul>
 *   <li>{@code self-assessment.csv}: one row per checklist control, for the partner's self-assessment
 *       spreadsheet: id, title, requirement and requested evidence (quoted from the checklist), status,
 *       automated result summary, failing checks, waiver, evidence attached, what is missing.</li>
 *   <li>{@code findings.csv}: one row per finding (a finding feeding two controls is one row listing both); the
 *       resource's name and its tags ({@code key=value; ...}) are the last two columns.</li>
 * </ul>
 * Multi-line texts stay in one quoted cell. {@link #write} returns the self-assessment file.
 */
public final class CsvWriter implements ReportWriter {
    public static final String SELF_ASSESSMENT = "self-assessment.csv";
    public static final String FINDINGS = "findings.csv";
    static final String BOM = "\uFEFF";

    public static final List<String> SELF_ASSESSMENT_HEADER = List.of("Control ID", "Control", "Requirement",
            "Evidence requested", "Status", "Automated result summary", "Failing checks", "Waiver",
            "Evidence attached", "What is missing", "Automated result", "Checks not evaluated", "Evidence coverage");
    public static final List<String> FINDINGS_HEADER = List.of("Controls", "Check", "Status", "Severity",
            "Resource type", "Resource id", "Location", "Region", "CDK path", "Message", "Suppression reason",
            "Remediation", "Resource name", "Resource tags");

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public Path write(ScanResult raw, Path outDir) throws IOException {
        ScanResult result = Redactor.scrub(raw);
        List<ControlView> views = ControlView.of(result);
        StringBuilder sa = new StringBuilder(BOM).append(Csv.record(SELF_ASSESSMENT_HEADER));
        for (ControlView v : views) {
            String failingChecks = v.checks().stream().filter(c -> c.count(dev.cxscan.reports.Status.FAIL) > 0)
                    .map(c -> c.id() + " (" + c.count(dev.cxscan.reports.Status.FAIL) + ")").collect(Collectors.joining("; "));
            String attached = v.attested().map(e -> {
                String docs = e.documents().stream().map(d -> d.isFile() ? d.label() + " (file " + d.file() + ")"
                        : d.label().equals(d.url()) ? d.url() : d.label() + " (" + d.url() + ")").collect(Collectors.joining("; "));
                return (e.statement() == null ? "" : e.statement() + "\n") + docs;
            }).orElse("");
            sa.append(Csv.record(List.of(v.id(), v.control().title(), v.control().requirement(),
                    v.control().evidence().stream().map(e -> "• " + e).collect(Collectors.joining("\n")),
                    v.status().name(), v.automatedSummary(), failingChecks, waiver(v.result().waiver()), attached,
                    String.join("\n", v.missing()), automated(v), notEvaluated(v), coverage(v))));
        }
        Path selfAssessment = outDir.resolve(SELF_ASSESSMENT);
        dev.cxscan.reports.ReportFile.write(selfAssessment, sa.toString());

        StringBuilder fs = new StringBuilder(BOM).append(Csv.record(FINDINGS_HEADER));
        for (Finding f : result.findings().stream().sorted(ControlView.FAILING_FIRST).toList()) {
            ResourceRef r = f.resource();
            String remediation = result.check(f.check()).map(dev.cxscan.reports.Check::remediation).orElse("");
            fs.append(Csv.record(List.of(String.join(" ", f.controls()), f.check(), f.status().name(),
                    f.severity().wireName(), r == null ? "" : nz(r.displayType()), r == null ? "" : nz(r.displayId()),
                    r == null ? "" : nz(r.displayLocation()), r == null ? "" : nz(r.region()),
                    r == null ? "" : nz(r.cdkPath()), nz(f.message()),
                    f.suppression() == null ? "" : nz(f.suppression().reason()),
                    f.status() == dev.cxscan.reports.Status.FAIL ? remediation : "",
                    r == null ? "" : nz(r.name()), r == null ? "" : r.tagsText())));
        }
        dev.cxscan.reports.ReportFile.write(outDir.resolve(FINDINGS), fs.toString());
        return selfAssessment;
    }

    /** The verdict's automated part: PASS, FAIL, ERROR or NONE (nothing judged). */
    static String automated(ControlView v) {
        return v.verdict() == null ? "" : v.verdict().automated().name();
    }

    /** One line per check that did not run: "root_mfa_enabled: live-only: ...". */
    static String notEvaluated(ControlView v) {
        return v.verdict() == null ? "" : v.verdict().notEvaluated().stream().map(n -> n.check() + ": " + n.reason())
                .collect(Collectors.joining("\n"));
    }

    /** One line per evidence item of the checklist: "1. covered by findings|documents|waiver" or "1. MISSING". */
    static String coverage(ControlView v) {
        if (v.verdict() == null) {
            return "";
        }
        List<String> lines = new java.util.ArrayList<>();
        var items = v.verdict().evidence();
        for (int i = 0; i < items.size(); i++) {
            var e = items.get(i);
            lines.add((i + 1) + ". " + (e.covered() ? "covered by " + e.coveredBy() : "MISSING") + ": " + e.detail());
        }
        return String.join("\n", lines);
    }

    static String waiver(Map<String, Object> waiver) {
        if (waiver == null) {
            return "";
        }
        if (waiver.containsKey("summary")) {
            return dev.cxscan.reports.WaiverText.summary(waiver);
        }
        return waiver.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
