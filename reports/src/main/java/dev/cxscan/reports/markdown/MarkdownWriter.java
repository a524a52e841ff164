package dev.cxscan.reports.markdown;

import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.ShownPath;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.md}: a short summary for a pull-request comment: the controls table, then the top
 * failures (most severe first) capped at {@link #maxFailures} with a "N more" line, and a hard cap on the
 * total length well under the 65,536 characters GitHub allows in a comment. Every cell is escaped (pipes,
 * Markdown emphasis and link characters, HTML brackets) and held on one line.
 */
public final class MarkdownWriter implements ReportWriter {
    public static final String FILE_NAME = "summary.md";
    /** Hard cap on the whole comment. */
    public static final int MAX_CHARS = 60_000;

    private final int maxFailures;

    public MarkdownWriter() {
        this(10);
    }

    public MarkdownWriter(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    @Override
    public String format() {
        return "md";
    }

    @Override
    public Path write(ScanResult result, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        dev.cxscan.reports.ReportFile.write(file, render(result));
        return file;
    }

    public String render(ScanResult raw) {
        ScanResult result = Redactor.scrub(raw);
        List<ControlView> views = ControlView.of(result);
        StringBuilder md = new StringBuilder();
        long failing = result.findings().stream().filter(f -> f.status() == Status.FAIL).count();
        long errors = result.findings().stream().filter(f -> f.status() == Status.ERROR).count();
        md.append("## cxscan: AWS GenAI Competency common customer example requirements\n\n");
        String target = target(result);
        md.append(esc(target)).append(" · ").append(failing).append(" failing, ").append(errors)
                .append(" error").append(errors == 1 ? "" : "s").append(" · cxscan ").append(esc(result.tool().version())).append("\n\n");
        md.append("Statuses count controls; the automated result counts findings (one per check and resource).\n\n");
        md.append("| Control | Status | Automated result | Not evaluated | Missing |\n|---|---|---|---|---|\n");
        for (ControlView v : views) {
            List<String> missing = v.missing();
            int notRun = v.verdict() == null ? 0 : v.verdict().notEvaluated().size();
            md.append("| ").append(esc(v.id() + " " + shorten(v.control().title(), 60))).append(" | ")
                    .append(badge(v.status())).append(" | ").append(esc(v.automatedLine())).append(" | ")
                    .append(notRun == 0 ? "—" : esc(notRun + " check(s): " + shorten(String.join(", ",
                            v.verdict().notEvaluated().stream().map(n -> n.check()).toList()), 80))).append(" | ")
                    .append(esc(missing.isEmpty() ? "" : shorten(missing.get(0), 80)
                            + (missing.size() > 1 ? " (+" + (missing.size() - 1) + ")" : ""))).append(" |\n");
        }
        List<String> legend = new ArrayList<>();
        for (ControlStatus s : ControlStatus.values()) {
            legend.add(s.name() + ": " + s.meaning() + ".");
        }
        String footer = "\n<sub>" + esc(String.join(" ", legend)) + "</sub>\n";
        List<Finding> top = result.findings().stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR)
                .sorted(ControlView.FAILING_FIRST).toList();
        if (!top.isEmpty()) {
            md.append("\n### Top failures\n\n| Severity | Check | Resource | Location | Message |\n|---|---|---|---|---|\n");
            List<String> rows = new ArrayList<>();
            for (Finding f : top) {
                rows.add("| " + (f.status() == Status.ERROR ? "error" : f.severity().wireName()) + " | " + esc(f.check())
                        + " | " + esc(f.resource() == null ? "" : resource(f.resource())) + " | "
                        + esc(f.resource() == null ? "" : ShownPath.location(f.resource())) + " | "
                        + esc(shorten(f.message(), 200)) + " |\n");
            }
            int shown = 0;
            String more = "";
            for (String row : rows) {
                if (shown >= maxFailures || md.length() + row.length() > MAX_CHARS - 200 - footer.length()) {
                    break;
                }
                md.append(row);
                shown++;
            }
            if (shown < rows.size()) {
                more = "\n… and " + (rows.size() - shown) + " more failing or error finding"
                        + (rows.size() - shown == 1 ? "" : "s") + " (see the HTML report).\n";
                md.append(more);
            }
        }
        md.append(footer);
        return md.toString();
    }

    /** The id, and the name in parentheses when it says more than the id. */
    private static String resource(dev.cxscan.reports.ResourceRef r) {
        String name = r.distinctName();
        String id = r.displayId() == null ? "" : r.displayId();
        return name == null ? id : id + " (" + shorten(name, 60) + ")";
    }

    private static String target(ScanResult r) {
        if (r.scan() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (r.scan().account() != null) {
            parts.add("account " + r.scan().account());
        }
        if (!r.scan().regions().isEmpty()) {
            parts.add(String.join(", ", r.scan().regions()));
        }
        if (!r.scan().templates().isEmpty()) {
            parts.add(r.scan().templates().size() == 1 ? ShownPath.of(r.scan().templates().get(0))
                    : r.scan().templates().size() + " templates");
        }
        return String.join(" · ", parts);
    }

    private static String badge(ControlStatus s) {
        return switch (s) {
            case PASS -> "✅ PASS";
            case FAIL -> "❌ FAIL";
            case ERROR -> "⚠️ ERROR";
            case INCOMPLETE -> "◐ INCOMPLETE";
            case MANUAL -> "📄 MANUAL";
            case WAIVED -> "➖ WAIVED";
            case ATTESTED -> "🖊️ ATTESTED";
        };
    }

    private static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** One table cell: a single line, with Markdown and HTML meta characters escaped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.replaceAll("[\\r\\n\\t]+", " ").toCharArray()) {
            switch (c) {
                case '|', '\\', '`', '*', '_', '[', ']', '#', '~', '!' -> b.append('\\').append(c);
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
