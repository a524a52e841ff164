package dev.cxscan.scanner.cli;

import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxscan controls}: the catalog (checklist controls, their requirement, evidence and checks) on stdout. */
@Command(name = "controls", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        description = "Print the control catalog: each checklist control with its requirement, the evidence "
                + "the checklist asks for, and the automated checks that feed it.")
public final class ControlsCommand implements Callable<Integer> {
    static final int WIDTH = 100;

    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws Exception {
        ControlCatalog catalog = ControlCatalog.bundled();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("checklist", catalog.checklist());
            doc.put("controls", catalog.controls());
            doc.put("checks", catalog.checks());
            out.println(JsonReportWriter.mapper().writeValueAsString(doc));
        } else {
            text(catalog, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void text(ControlCatalog catalog, PrintWriter out) {
        out.println(catalog.checklist());
        for (Control c : catalog.controls()) {
            out.println();
            wrap(c.title(), c.id() + "  ", " ".repeat(c.id().length() + 2), out);
            out.println("  Requirement:");
            for (String paragraph : c.requirement().split("\n")) {
                wrap(paragraph, "    ", paragraph.startsWith("• ") ? "      " : "    ", out);
            }
            if (!c.evidence().isEmpty()) {
                // what may cover each item: the PASS rule of the verdict (docs/verdicts.md)
                out.println("  Evidence (each must be covered for PASS):");
                for (int i = 0; i < c.evidence().size(); i++) {
                    wrap("- " + c.evidence().get(i) + (c.isDocument(i) ? " [a document you attach with --evidence]"
                            : " [this scan's findings when every check runs and passes, or a document]"),
                            "    ", "      ", out);
                }
            }
            out.println("  Checks:" + (c.checks().isEmpty() ? " none" : ""));
            int width = c.checks().stream().mapToInt(String::length).max().orElse(0);
            for (String id : c.checks()) {
                Optional<CatalogCheck> check = catalog.check(id);
                String detail = check.map(k -> String.format("%-8s %s", k.severity().wireName(), source(k.source())))
                        .orElse("(not in the catalog)");
                out.println("    " + String.format("%-" + width + "s", id) + "  " + detail);
            }
        }
    }

    private static String source(String code) {
        return switch (code) {
            case "T" -> "templates";
            case "L" -> "live";
            case "B" -> "templates+live";
            case "H" -> "live hint";
            default -> code;
        };
    }

    /** Word-wraps {@code text} to {@link #WIDTH} columns: first line after {@code indent}, the rest after {@code cont}. */
    static void wrap(String text, String indent, String cont, PrintWriter out) {
        StringBuilder line = new StringBuilder(indent);
        int start = line.length();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(cont);
                start = line.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line);
    }
}
