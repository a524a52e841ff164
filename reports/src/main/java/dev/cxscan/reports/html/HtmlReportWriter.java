package dev.cxscan.reports.html;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.ControlVerdict;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.MappedList;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.ShownPath;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code index.html}: the report an auditor opens. One self-contained file: inline CSS, inline SVG charts
 * and a small inline script; a Content-Security-Policy of {@code default-src 'none'} forbids any request,
 * so it reads the same attached to an email, offline or printed to PDF. Rendered with a Mustache template
 * ({@code report.mustache}) whose every value goes through the HTML escaper (no triple mustaches): resource
 * ids, messages and user statements come from templates and users. The findings table filters and sorts with
 * the script and is complete without it.
 */
public final class HtmlReportWriter implements ReportWriter {
    public static final String FILE_NAME = "index.html";
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<Status> BAR_STATUSES = List.of(Status.PASS, Status.FAIL, Status.ERROR, Status.SUPPRESSED);

    /** Above this many passing findings the findings table counts them per check instead of listing them. */
    public static final int PASSING_ROWS_LISTED = 1_000;

    private static volatile Template template;

    @Override
    public String format() {
        return "html";
    }

    @Override
    public Path write(ScanResult result, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        // streamed into the file: on a large account the page is tens of MB, and rendering it into a String first
        // held it (and the builder's copies) in the heap next to the result
        Map<String, Object> model = model(Redactor.scrub(result));
        dev.cxscan.reports.ReportFile.write(file, out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            template().execute(model, w);
            w.flush();
        });
        return file;
    }

    public String render(ScanResult raw) {
        ScanResult result = Redactor.scrub(raw);
        return template().execute(model(result));
    }

    private static Template template() {
        Template t = template;
        if (t == null) {
            try (InputStream in = HtmlReportWriter.class.getResourceAsStream("report.mustache");
                 Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                t = Mustache.compiler().withEscaper(HtmlReportWriter::escape).strictSections(false).defaultValue("")
                        .emptyStringIsFalse(true).compile(r);
                template = t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return t;
    }

    static Map<String, Object> model(ScanResult result) {
        ControlCatalog catalog = ControlCatalog.bundled();
        List<ControlView> views = ControlView.of(result, catalog);
        Map<String, Object> m = headerModel(result);
        // Control status tiles
        Map<ControlStatus, Integer> byStatus = new EnumMap<>(ControlStatus.class);
        for (ControlStatus s : ControlStatus.values()) {
            byStatus.put(s, 0);
        }
        views.forEach(v -> byStatus.merge(v.status(), 1, Integer::sum));
        List<Map<String, Object>> tiles = new ArrayList<>();
        for (ControlStatus s : List.of(ControlStatus.PASS, ControlStatus.FAIL, ControlStatus.ERROR, ControlStatus.INCOMPLETE,
                ControlStatus.MANUAL, ControlStatus.WAIVED, ControlStatus.ATTESTED)) {
            tiles.add(Map.of("status", s.name(), "cls", s.name().toLowerCase(Locale.ROOT), "count", byStatus.get(s),
                    "text", describe(s)));
        }
        m.put("tiles", tiles);
        m.put("controlCount", views.size());
        // the tiles count controls; the finding counts stand beside them so the two are never read as one
        Map<Status, Integer> findingCounts = new EnumMap<>(Status.class);
        result.findings().forEach(f -> findingCounts.merge(f.status(), 1, Integer::sum));
        m.put("findingTotal", result.findings().size());
        m.put("findingCounts", findingCounts.entrySet().stream().map(e -> Map.of("status", e.getKey().name(),
                "cls", e.getKey().name().toLowerCase(Locale.ROOT), "count", e.getValue())).toList());
        m.put("controlChart", controlChart(views));
        m.put("severityChart", severityChart(result.findings()));
        m.put("legend", BAR_STATUSES.stream().map(s -> Map.of("status", s.name(), "cls", s.name().toLowerCase(Locale.ROOT))).toList());

        List<Map<String, Object>> controls = new ArrayList<>();
        for (ControlView v : views) {
            controls.add(controlModel(v));
        }
        m.put("controls", controls);

        // Every finding that is not passing is listed. Passing ones are listed too while there are few; past
        // PASSING_ROWS_LISTED they are counted per check instead (a 25,000-resource account wrote a 49 MB page of
        // PASS rows nobody reads in a browser); results.json keeps every finding.
        List<Finding> sorted = result.findings().stream().sorted(ControlView.FAILING_FIRST).toList();
        long passing = sorted.stream().filter(HtmlReportWriter::passing).count();
        boolean summarised = passing > PASSING_ROWS_LISTED;
        List<Finding> listed = summarised ? sorted.stream().filter(f -> !passing(f)).toList() : sorted;
        // one row model per finding, made as the template reaches it (a map per finding of a large account held
        // about 100 MB while the page was written)
        List<Map<String, Object>> rows = MappedList.of(listed, HtmlReportWriter::findingModel);
        m.put("findings", rows);
        m.put("findingCount", rows.size());
        m.put("hasFindings", !rows.isEmpty());
        m.put("summarised", summarised);
        m.put("summarisedCount", passing);
        m.put("passingLimit", PASSING_ROWS_LISTED);
        m.put("passingChecks", summarised ? passingPerCheck(sorted) : List.of());
        m.put("filterControls", views.stream().map(ControlView::id).toList());
        m.put("filterStatuses", summarised ? List.of("FAIL", "ERROR", "SUPPRESSED")
                : List.of("FAIL", "ERROR", "SUPPRESSED", "PASS", "NOT_APPLICABLE", "INFO"));
        m.put("filterSeverities", List.of("critical", "high", "medium", "low", "info"));
        return m;
    }

    /** PASS, NOT_APPLICABLE and INFO: the findings the page may count instead of listing. */
    static boolean passing(Finding f) {
        return f.status() == Status.PASS || f.status() == Status.NOT_APPLICABLE || f.status() == Status.INFO;
    }

    /** Per check (by id), how many passing findings the findings table does not list. */
    private static List<Map<String, Object>> passingPerCheck(List<Finding> findings) {
        Map<String, Map<Status, Integer>> counts = new java.util.TreeMap<>();
        Map<String, String> controls = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (passing(f)) {
                counts.computeIfAbsent(f.check(), k -> new EnumMap<>(Status.class)).merge(f.status(), 1, Integer::sum);
                controls.putIfAbsent(f.check(), String.join(" ", f.controls()));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((check, n) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("check", check);
            r.put("controls", controls.get(check));
            r.put("pass", n.getOrDefault(Status.PASS, 0));
            r.put("notApplicable", n.getOrDefault(Status.NOT_APPLICABLE, 0));
            r.put("info", n.getOrDefault(Status.INFO, 0));
            rows.add(r);
        });
        return rows;
    }

    /** Tool, checklist and scan metadata (the report header; also the evidence bundle index). */
    public static Map<String, Object> headerModel(ScanResult result) {
        ControlCatalog catalog = ControlCatalog.bundled();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("csp", CSP);
        m.put("toolVersion", result.tool().version());
        m.put("checklist", catalog.checklist());
        var scan = result.scan();
        List<Map<String, Object>> meta = new ArrayList<>();
        if (scan != null) {
            meta(meta, "Account", scan.account() == null ? "— (template scan)" : scan.account());
            meta(meta, "Caller", scan.callerArn() == null ? "—" : scan.callerArn());
            meta(meta, "Regions", scan.regions().isEmpty() ? "—" : String.join(", ", scan.regions()));
            meta(meta, "Templates", scan.templates().isEmpty() ? "—"
                    : String.join("\n", scan.templates().stream().map(ShownPath::of).toList()));
            meta(meta, "Started", time(scan.startedAt()));
            meta(meta, "Finished", time(scan.finishedAt()) + duration(scan.startedAt(), scan.finishedAt()));
        }
        meta(meta, "Tool", "cxscan " + result.tool().versionWithCommit());
        if (!result.userEvidence().isEmpty() && result.userEvidence().source() != null) {
            meta(meta, "User evidence", result.userEvidence().source().getFileName().toString());
        }
        if (result.wafr() != null) {
            meta(meta, "Well-Architected review", String.valueOf(result.wafr().review().get("summary")));
            for (var a : result.wafr().attachments()) {
                meta(meta, "Review attachment", a.name() + " (sha256 " + a.sha256() + "): " + a.note());
            }
        }
        m.put("meta", meta);

        return m;
    }

    /** The model of one control section (also used by the evidence bundle pages). */
    public static Map<String, Object> controlModel(ControlView v) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", v.id());
        c.put("title", v.control().title());
        c.put("status", v.status().name());
        c.put("statusCls", v.status().name().toLowerCase(Locale.ROOT));
        c.put("statusText", describe(v.status()));
        verdictModel(v, c);
        c.put("requirement", List.of(v.control().requirement().split("\n")).stream()
                .map(l -> Map.of("line", l.replaceFirst("^• ", ""), "bullet", l.startsWith("• "))).toList());
        c.put("evidence", v.control().evidence());
        c.put("summary", v.automatedLine());
        c.put("missing", v.missing());
        c.put("hasMissing", !v.missing().isEmpty());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (ControlView.CheckRow row : v.checks()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", row.id());
            r.put("title", row.title());
            r.put("severity", row.severity().wireName());
            r.put("pass", row.count(Status.PASS));
            r.put("fail", row.count(Status.FAIL));
            r.put("error", row.count(Status.ERROR));
            r.put("suppressed", row.count(Status.SUPPRESSED));
            r.put("other", row.count(Status.NOT_APPLICABLE) + row.count(Status.INFO));
            r.put("evaluated", row.total() > 0);
            r.put("failCls", row.count(Status.FAIL) > 0 ? "bad" : "");
            r.put("errorCls", row.count(Status.ERROR) > 0 ? "warn" : "");
            checks.add(r);
        }
        c.put("checks", checks.stream().filter(r -> (Boolean) r.get("evaluated")).toList());
        c.put("hasChecks", checks.stream().anyMatch(r -> (Boolean) r.get("evaluated")));
        // checks that ran and found no resource of their type (templates give no finding then); the checks that did
        // not run at all are the verdict's notEvaluated, with their reasons
        java.util.Set<String> didNotRun = new java.util.HashSet<>();
        if (v.verdict() != null) {
            v.verdict().notEvaluated().forEach(n -> didNotRun.add(n.check()));
        }
        List<String> nothingToJudge = v.checks().stream().filter(r -> r.total() == 0 && !didNotRun.contains(r.id()))
                .map(ControlView.CheckRow::id).toList();
        c.put("nothingToJudge", nothingToJudge);
        c.put("hasNothingToJudge", !nothingToJudge.isEmpty());
        c.put("nothingToJudgeCount", nothingToJudge.size());

        // Failing findings grouped by check, worst first
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        v.failing().forEach(f -> groups.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f));
        List<Map<String, Object>> failing = new ArrayList<>();
        groups.forEach((check, fs) -> {
            ControlView.CheckRow row = v.checks().stream().filter(r -> r.id().equals(check)).findFirst().orElse(null);
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("check", check);
            g.put("title", row == null ? "" : row.title());
            g.put("severity", fs.get(0).severity().wireName());
            g.put("remediation", v.remediation(fs.get(0)));
            g.put("items", MappedList.of(fs, f -> {
                Map<String, Object> i = resource(f);
                i.put("status", f.status().name());
                i.put("statusCls", f.status().name().toLowerCase(Locale.ROOT));
                i.put("message", f.message());
                return i;
            }));
            failing.add(g);
        });
        c.put("failing", failing);
        c.put("failingCount", v.failing().size());
        c.put("failingHeading", failingHeading(v.failing()));
        c.put("hasFailing", !failing.isEmpty());

        List<Map<String, Object>> waivers = new ArrayList<>();
        if (v.result().waiver() != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            boolean notWaived = dev.cxscan.reports.WaiverText.notWaived(v.result().waiver());
            w.put("kind", notWaived ? "Well-Architected review (not waived)" : "Control waiver");
            w.put("id", "");
            w.put("reason", "");
            w.put("source", "");
            w.put("provenance", v.result().waiver().entrySet().stream()
                    .map(e -> Map.of("key", e.getKey(), "value", dev.cxscan.reports.WaiverText.value(e.getValue())))
                    .toList());
            waivers.add(w);
        }
        for (Finding f : v.suppressed()) {
            Map<String, Object> w = resource(f);
            w.put("kind", "Suppression of " + f.check());
            w.put("provenance", List.of());
            w.put("reason", f.suppression() == null ? "" : f.suppression().reason());
            w.put("source", f.resource() != null && f.resource().file() != null
                    ? "template metadata (cxscan.suppressions) at " + f.resource().displayLocation() : "suppression");
            waivers.add(w);
        }
        c.put("waivers", waivers);
        c.put("hasWaivers", !waivers.isEmpty());

        List<Map<String, Object>> manual = new ArrayList<>();
        boolean covered = v.attested().map(e -> !e.documents().isEmpty()).orElse(false);
        for (String doc : v.control().manualEvidence()) {
            manual.add(Map.of("doc", doc, "attested", covered));
        }
        c.put("manual", manual);
        c.put("hasManual", !manual.isEmpty());
        v.attested().ifPresent(e -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("statement", e.statement() == null ? "" : e.statement());
            a.put("documents", java.util.stream.IntStream.range(0, e.documents().size())
                    .mapToObj(i -> document(v.id(), i, e.documents().get(i))).toList());
            c.put("attestation", a);
        });
        return c;
    }

    /** The three parts of the verdict: not evaluated checks with their reasons, and each evidence item's coverage. */
    private static void verdictModel(ControlView v, Map<String, Object> c) {
        ControlVerdict verdict = v.verdict();
        List<Map<String, Object>> notRun = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        if (verdict != null) {
            verdict.notEvaluated().forEach(n -> notRun.add(Map.of("check", n.check(), "reason", n.reason())));
            for (ControlVerdict.EvidenceCoverage e : verdict.evidence()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("item", e.item());
                i.put("covered", e.covered());
                i.put("cls", e.covered() ? "pass" : "manual");
                i.put("by", e.coveredBy() == null ? "MISSING" : switch (e.coveredBy()) {
                    case "findings" -> "COVERED BY FINDINGS";
                    case "documents" -> "DOCUMENT ATTACHED";
                    case "waiver" -> "WAIVED";
                    default -> e.coveredBy().toUpperCase(Locale.ROOT);
                });
                i.put("detail", e.detail());
                items.add(i);
            }
        } else {
            v.control().evidence().forEach(e -> items.add(Map.of("item", e, "covered", false, "cls", "manual",
                    "by", "", "detail", "")));
        }
        c.put("notRun", notRun);
        c.put("hasNotRun", !notRun.isEmpty());
        c.put("notRunCount", notRun.size());
        c.put("evidenceItems", items);
    }

    private static Map<String, Object> document(String controlId, int index, EvidenceFile.Document d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", d.label());
        boolean web = d.url() != null && d.url().matches("(?i)https?://.+");
        m.put("url", web ? d.url() : "");
        m.put("isUrl", web);
        m.put("file", d.file() == null ? "" : "evidence/" + controlId + "/attachments/" + attachmentName(index, d));
        m.put("isFile", d.isFile());
        return m;
    }

    /** The name an attached file gets in the evidence bundle (its file name; the bundle writer uses the same). */
    public static String attachmentName(int index, EvidenceFile.Document d) {
        String name = d.path() != null ? d.path().getFileName().toString() : Path.of(d.file()).getFileName().toString();
        return (index + 1) + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * "Failing findings (15 FAIL, 1 ERROR) on 9 resources": the findings counted in the verdict's units (its "Fix 15
     * failing evaluations (FAIL findings)" and "Re-run 1 evaluation ... (ERROR)"), and apart from them the resources.
     */
    static String failingHeading(List<Finding> failing) {
        long fails = failing.stream().filter(f -> f.status() == Status.FAIL).count();
        long errors = failing.stream().filter(f -> f.status() == Status.ERROR).count();
        List<String> parts = new ArrayList<>();
        if (fails > 0) {
            parts.add(fails + " FAIL");
        }
        if (errors > 0) {
            parts.add(errors + " ERROR");
        }
        long resources = failing.stream().map(Finding::resource).filter(java.util.Objects::nonNull).distinct().count();
        return "Failing findings (" + String.join(", ", parts) + ") on " + resources
                + (resources == 1 ? " resource" : " resources");
    }

    private static Map<String, Object> resource(Finding f) {
        Map<String, Object> i = new LinkedHashMap<>();
        var r = f.resource();
        i.put("type", r == null ? "" : nz(r.displayType()));
        i.put("id", r == null ? "" : nz(r.displayId()));
        i.put("location", r == null ? "" : nz(ShownPath.location(r)));
        i.put("cdkPath", r == null ? "" : nz(r.cdkPath()));
        i.put("region", r == null ? "" : nz(r.region()));
        i.put("name", r == null ? "" : nz(r.distinctName()));
        i.put("tags", r == null ? "" : r.tagsText());
        int tagCount = r == null || r.tags() == null ? 0 : r.tags().size();
        i.put("tagsLabel", tagCount == 1 ? "1 tag" : tagCount + " tags");
        return i;
    }

    /** The model of one findings-table row. */
    public static Map<String, Object> findingModel(Finding f) {
        Map<String, Object> row = resource(f);
        row.put("status", f.status().name());
        row.put("statusCls", f.status().name().toLowerCase(Locale.ROOT));
        row.put("statusRank", ControlView.statusRank(f.status()));
        row.put("severity", f.severity().wireName());
        row.put("severityRank", f.severity().ordinal());
        row.put("controls", String.join(" ", f.controls()));
        row.put("check", f.check());
        row.put("message", f.message() + (f.suppression() != null ? " — suppressed: " + f.suppression().reason() : ""));
        return row;
    }

    /** Per control, a stacked bar of its findings by status (SVG geometry computed here, labels escaped by the template). */
    private static Map<String, Object> controlChart(List<ControlView> views) {
        int labelW = 230;
        int barW = 520;
        int rowH = 26;
        int max = 1;
        for (ControlView v : views) {
            max = Math.max(max, BAR_STATUSES.stream().mapToInt(s -> v.result().counts().getOrDefault(s, 0)).sum());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        int y = 0;
        for (ControlView v : views) {
            List<Map<String, Object>> segs = new ArrayList<>();
            double x = labelW;
            for (Status s : BAR_STATUSES) {
                int n = v.result().counts().getOrDefault(s, 0);
                if (n == 0) {
                    continue;
                }
                double w = Math.max(2, barW * (double) n / max);
                segs.add(Map.of("x", fmt(x), "w", fmt(w), "cls", s.name().toLowerCase(Locale.ROOT),
                        "title", n + " " + s.name(), "label", n, "lx", fmt(x + w / 2), "showLabel", w >= 18));
                x += w;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", v.id());
            row.put("y", y);
            row.put("ty", y + 17);
            row.put("segs", segs);
            row.put("status", v.status().name());
            row.put("statusCls", v.status().name().toLowerCase(Locale.ROOT));
            row.put("sx", labelW - 8);
            row.put("empty", segs.isEmpty());
            row.put("ex", labelW + 4);
            row.put("emptyText", v.status() == ControlStatus.ATTESTED ? "user evidence attached"
                    : v.verdict() != null && v.verdict().evaluated().isEmpty() ? "no check ran in this scan"
                    : "no automated finding");
            rows.add(row);
            y += rowH;
        }
        return Map.of("rows", rows, "height", y, "width", labelW + barW + 10);
    }

    /** Failing (FAIL) findings per severity. */
    private static Map<String, Object> severityChart(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.stream().filter(f -> f.status() == Status.FAIL).forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        int max = Math.max(1, counts.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        List<Map<String, Object>> bars = new ArrayList<>();
        int y = 0;
        for (Severity s : Severity.values()) {
            int n = counts.get(s);
            double w = n == 0 ? 0 : Math.max(2, 170.0 * n / max);
            bars.add(Map.of("name", s.wireName(), "y", y, "ty", y + 16, "w", fmt(w), "count", n, "cx", fmt(80 + w + 6)));
            y += 24;
        }
        return Map.of("bars", bars, "height", y, "total", counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** HTML escaping (jmustache's: {@code & < > " ' ` =}) after replacing control characters HTML cannot carry. */
    public static String escape(String s) {
        return com.samskivert.mustache.Escapers.HTML.escape(s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "\uFFFD"));
    }

    static String describe(ControlStatus s) {
        return s.meaning();
    }

    private static void meta(List<Map<String, Object>> meta, String key, String value) {
        meta.add(Map.of("key", key, "value", value));
    }

    private static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    private static String duration(Instant a, Instant b) {
        if (a == null || b == null) {
            return "";
        }
        Duration d = Duration.between(a, b);
        return " (" + (d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s") + ")";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String joinLines(List<String> l) {
        return l.stream().collect(Collectors.joining("\n"));
    }
}
