package dev.cxscan.reports.text;

import dev.cxscan.reports.ControlResult;
import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.ControlVerdict;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The "text" format: a compact table on standard output (status, severity, control, check, resource
 * as {@code file:line logicalId} or the ARN, with the resource's name in parentheses when it adds to them), the message on an indented line under every non-PASS row, then
 * one line per control status and the totals. Failures first. ANSI colors only when asked for
 * (the command line asks when stdout is a terminal and NO_COLOR is unset).
 */
public final class TextTableWriter implements ReportWriter {
    private static final String RESET = "\u001b[0m";
    private static final String[] HEADER = {"STATUS", "SEVERITY", "CONTROL", "CHECK", "RESOURCE"};

    private final PrintWriter out;
    private final boolean color;
    private final boolean onlyFailures;

    public TextTableWriter(PrintWriter out, boolean color, boolean onlyFailures) {
        this.out = out;
        this.color = color;
        this.onlyFailures = onlyFailures;
    }

    @Override
    public String format() {
        return "text";
    }

    @Override
    public Path write(ScanResult result, Path outDir) {
        List<Finding> rows = result.findings().stream()
                .filter(f -> !onlyFailures || f.status() == Status.FAIL || f.status() == Status.ERROR)
                .sorted(ORDER)
                .toList();
        if (rows.isEmpty()) {
            out.println(onlyFailures && !result.findings().isEmpty() ? "No FAIL or ERROR findings." : "No findings.");
        } else {
            table(rows);
        }
        out.println();
        summary(result);
        out.flush();
        return null;
    }

    private static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> statusRank(f.status()))
            .thenComparing(f -> f.severity().ordinal())
            .thenComparing(f -> String.valueOf(f.resource().file()))
            .thenComparing(f -> f.resource().line() == null ? 0 : f.resource().line())
            .thenComparing(Finding::check);

    private static int statusRank(Status s) {
        return switch (s) {
            case FAIL -> 0;
            case ERROR -> 1;
            case SUPPRESSED -> 2;
            case INFO -> 3;
            case PASS -> 4;
            case NOT_APPLICABLE -> 5;
        };
    }

    private void table(List<Finding> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Finding f : rows) {
            cells.add(new String[] {f.status().name(), f.severity().wireName(), String.join(",", f.controls()),
                    f.check(), resource(f.resource())});
        }
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
        }
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        out.println(line(HEADER, width, null));
        for (int r = 0; r < rows.size(); r++) {
            Finding f = rows.get(r);
            out.println(line(cells.get(r), width, f.status()));
            if (f.status() != Status.PASS && f.status() != Status.NOT_APPLICABLE) {
                String detail = f.message();
                if (f.suppression() != null) {
                    detail = "suppressed: " + f.suppression().reason() + " (" + f.message() + ")";
                }
                out.println("    -> " + detail);
            }
        }
    }

    private String line(String[] row, int[] width, Status status) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            boolean last = i == row.length - 1;
            String cell = last ? row[i] : pad(row[i], width[i]);
            if (i == 0 && status != null && color) {
                sb.append(colorOf(status)).append(cell).append(RESET);
            } else {
                sb.append(cell);
            }
            if (!last) {
                sb.append("  ");
            }
        }
        return sb.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Names longer than this are cut: the table stays readable, the whole name is in results.json. */
    private static final int NAME_WIDTH = 40;

    /** The location, the logical id of a template resource, and the name in parentheses when it adds to them. */
    static String resource(ResourceRef r) {
        if (r.isAccount()) {
            return r.displayId(); // "AWS account 123456789012", not its root ARN
        }
        String where = r.displayLocation();
        String shown = r.file() != null && r.id() != null ? where + " " + r.id() : where;
        String name = r.distinctName();
        if (name == null || shown == null || shown.endsWith("/" + name) || shown.endsWith(":" + name)) {
            return shown; // an ARN or path that already ends with the name (buckets, IAM users, log groups)
        }
        return shown + " (" + (name.length() <= NAME_WIDTH ? name : name.substring(0, NAME_WIDTH - 1) + "\u2026") + ")";
    }

    private void summary(ScanResult result) {
        Map<ControlStatus, List<String>> byStatus = new EnumMap<>(ControlStatus.class);
        for (ControlResult c : result.controls()) {
            byStatus.computeIfAbsent(c.status(), s -> new ArrayList<>()).add(c.id());
        }
        out.println("Controls (statuses count controls; the table above lists findings):");
        for (Map.Entry<ControlStatus, List<String>> e : byStatus.entrySet()) {
            String name = pad(e.getKey().name(), 10);
            if (color) {
                name = controlColor(e.getKey()) + name + RESET;
            }
            out.println("  " + name + " " + pad(String.valueOf(e.getValue().size()), 3) + " " + String.join(", ", e.getValue()));
        }
        // what keeps each control from PASS, one line per control, so a terminal shows the whole verdict
        for (ControlResult c : result.controls()) {
            String gap = gap(c);
            if (!gap.isEmpty()) {
                out.println("  " + pad(c.id(), 10) + " " + gap);
                for (String m : c.missing()) {
                    if (!m.startsWith("Fix ") && !m.startsWith("Re-run ")) {
                        out.println("               " + shorten(m, 160));
                    }
                }
            }
        }
        Map<Status, Long> counts = result.findings().stream()
                .collect(Collectors.groupingBy(Finding::status, () -> new EnumMap<>(Status.class), Collectors.counting()));
        String detail = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name())
                .collect(Collectors.joining(", "));
        out.println("Totals: " + result.controls().size() + " controls, " + result.findings().size() + " findings"
                + (detail.isEmpty() ? "" : " (" + detail + ")") + ", " + result.scan().templates().size() + " template(s)");
    }

    /** "automated PASS; 5 check(s) not evaluated (live-only ...); 1 evidence item missing", or "" for nothing missing. */
    static String gap(ControlResult c) {
        ControlVerdict v = c.verdict();
        if (v == null || c.status() == ControlStatus.PASS) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add("automated " + (v.automated() == ControlVerdict.Automated.NONE ? "nothing judged" : v.automated().name()));
        if (!v.notEvaluated().isEmpty()) {
            Map<String, Integer> reasons = new java.util.LinkedHashMap<>();
            v.notEvaluated().forEach(n -> reasons.merge(n.reason().replaceFirst(":.*", ""), 1, Integer::sum));
            parts.add(v.notEvaluated().size() + " check(s) not evaluated (" + reasons.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")");
        }
        long missing = v.evidence().stream().filter(e -> !e.covered()).count();
        if (missing > 0) {
            parts.add(missing + " of " + v.evidence().size() + " evidence item(s) missing");
        } else if (c.status() == ControlStatus.ATTESTED) {
            parts.add("evidence covered only by your documents");
        }
        return String.join("; ", parts);
    }

    private static String colorOf(Status s) {
        return switch (s) {
            case FAIL -> "\u001b[31m";
            case ERROR -> "\u001b[35m";
            case SUPPRESSED -> "\u001b[33m";
            case PASS -> "\u001b[32m";
            default -> "\u001b[2m";
        };
    }

    private static String controlColor(ControlStatus s) {
        return switch (s) {
            case FAIL -> "\u001b[31m";
            case ERROR -> "\u001b[35m";
            case PASS -> "\u001b[32m";
            case WAIVED, ATTESTED -> "\u001b[36m";
            case MANUAL, INCOMPLETE -> "\u001b[33m";
        };
    }
}
