package dev.cxscan.reports;

import dev.cxscan.reports.json.JsonReportWriter;
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
 * The writer registry: --format name to writer. Formats that ARCHITECTURE.md names but that have no
 * writer yet are listed by {@link #planned()} so the command line can say so instead of "unknown".
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
    private static final List<String> PLANNED = List.of("junit", "html", "md", "csv");

    static {
        WRITERS.put("json", o -> new JsonReportWriter());
        WRITERS.put("sarif", o -> new SarifWriter());
        WRITERS.put("text", o -> new TextTableWriter(o.stdout(), o.color(), o.onlyFailures()));
    }

    private ReportWriters() {
    }

    /** Format names with a writer, in a stable order. */
    public static List<String> available() {
        return new ArrayList<>(WRITERS.keySet());
    }

    /** Format names the contract announces but no writer implements yet. */
    public static List<String> planned() {
        return PLANNED;
    }

    /** The writer for {@code format} (case-insensitive), or empty when there is none. */
    public static Optional<ReportWriter> create(String format, Options options) {
        Function<Options, ReportWriter> f = WRITERS.get(format.trim().toLowerCase(Locale.ROOT));
        return f == null ? Optional.empty() : Optional.of(f.apply(options));
    }
}
