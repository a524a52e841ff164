package dev.cxscan.reports;

import dev.cxscan.reports.csv.CsvWriter;
import dev.cxscan.reports.evidence.EvidenceBundleWriter;
import dev.cxscan.reports.html.HtmlReportWriter;
import dev.cxscan.reports.json.JsonReportWriter;
import dev.cxscan.reports.junit.JunitXmlWriter;
import dev.cxscan.reports.markdown.MarkdownWriter;
import dev.cxscan.reports.sarif.SarifWriter;
import dev.cxscan.reports.text.TextTableWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The writer registry: --format name to writer. The names are ARCHITECTURE.md's (json, sarif, junit, html,
 * md, csv, text) plus evidence (the evidence bundle). {@link #TEMPLATE_DEFAULTS} and {@link #ACCOUNT_DEFAULTS} are what
 * the scans write when no format is asked for. Callers pass the result through {@link Redactor#scrub} once before the writers (the writers
 * that scrub again are unaffected: scrubbing is idempotent).
 */
public final class ReportWriters {
    /**
     * What a writer may need besides the result.
     *
     * @param stdout       where stdout formats (text) print
     * @param color        ANSI colors allowed (stdout is a terminal and NO_COLOR is unset)
     * @param onlyFailures stdout formats show only FAIL and ERROR findings
     */
    public record Options(PrintWriter stdout, boolean color, boolean onlyFailures) {
    }

    private static final Map<String, Function<Options, ReportWriter>> WRITERS = new LinkedHashMap<>();

    /**
     * What {@code cxscan template} writes without --format: the table on stdout, results.json for machines and
     * results.sarif for code scanning. A template scan mostly runs in CI on every change, where seconds count and
     * nobody opens an evidence bundle; the HTML report and the bundle are one --format away (the CLI adds the bundle
     * when --sign-key or --evidence asks for it).
     */
    public static final List<String> TEMPLATE_DEFAULTS = List.of("text", "json", "sarif");

    /**
     * What {@code cxscan account} writes without --format: the table on stdout, results.json for machines, the
     * HTML report (the one file a partner attaches) and the evidence bundle (evidence/ and evidence.zip for the
     * auditor): an account scan is what a competency submission is built from.
     */
    public static final List<String> ACCOUNT_DEFAULTS = List.of("text", "json", "html", "evidence");

    static {
        WRITERS.put("json", o -> new JsonReportWriter());
        WRITERS.put("sarif", o -> new SarifWriter());
        WRITERS.put("junit", o -> new JunitXmlWriter());
        WRITERS.put("html", o -> new HtmlReportWriter());
        WRITERS.put("md", o -> new MarkdownWriter());
        WRITERS.put("csv", o -> new CsvWriter());
        WRITERS.put("text", o -> new TextTableWriter(o.stdout(), o.color(), o.onlyFailures()));
        WRITERS.put("evidence", o -> new EvidenceBundleWriter());
    }

    private ReportWriters() {
    }

    /** Format names with a writer, in a stable order. */
    public static List<String> available() {
        return new ArrayList<>(WRITERS.keySet());
    }

    /** Format names the contract announces but no writer implements yet: none any more. */
    public static List<String> planned() {
        return List.of();
    }

    /** The writer for {@code format} (case-insensitive), or empty when there is none. */
    public static Optional<ReportWriter> create(String format, Options options) {
        Function<Options, ReportWriter> f = WRITERS.get(format.trim().toLowerCase(Locale.ROOT));
        return f == null ? Optional.empty() : Optional.of(f.apply(options));
    }
}
