package dev.cxscan.scanner.wafr;

import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.json.JsonReportWriter;
import dev.cxscan.reports.wafr.WafrRules;
import dev.cxscan.scanner.cli.ExitCodes;
import dev.cxscan.scanner.live.ClientSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cxscan wafr show}: what an imported Well-Architected review would waive, per control, and why. */
@Command(name = "wafr", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        description = "Well-Architected Framework Review import.",
        subcommands = {WafrCommand.Show.class, CommandLine.HelpCommand.class})
public final class WafrCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (show)");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
            sortOptions = false,
            description = "Print, per control, what the review would waive and why or why not. No scan runs: in a "
                    + "scan, a FAIL finding of a control still prevents its waiver (the automated checks win).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the review was read and explained", "2:usage or input error",
                "3:the Well-Architected Tool API failed (access denied, not found, throttled)"})
    public static final class Show implements Callable<Integer> {
        enum Format { text, json }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        WafrOptions wafr;

        @Option(names = "--endpoint-url", paramLabel = "URL",
                description = "Endpoint of the Well-Architected Tool API (emulators; AWS_ENDPOINT_URL is honoured too).")
        URI endpoint;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
        Format format;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!wafr.given()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --wafr-file FILE... or --wafr-workload ID|ARN");
            }
            if (endpoint != null) {
                wafr.session(ClientSettings.NONE.withEndpoint(endpoint));
            }
            WafrOptions.Loaded loaded;
            try {
                loaded = wafr.load(line -> {
                    err.println("cxscan: " + line);
                    err.flush();
                });
            } catch (WafrApiImporter.WafrApiException e) {
                err.println("cxscan: error: " + e.getMessage());
                err.flush();
                return ExitCodes.SCAN_ERROR;
            }
            if (loaded.review() == null) {
                out.println("No Well-Architected review in the files: attachments only, which waive nothing.");
                loaded.attachments().forEach(a -> out.println("  " + a.source() + " (sha256 " + a.sha256() + "): " + a.note()));
                out.flush();
                return ExitCodes.OK;
            }
            WafrRules.Context ctx = wafr.statedAccount() != null
                    ? new WafrRules.Context(wafr.statedAccount(), "stated with --wafr-account", wafr.clockInstant(), wafr.maxAgeDays())
                    : WafrRules.Context.accountUnchecked(wafr.clockInstant(), wafr.maxAgeDays());
            List<WafrRules.Decision> decisions = WafrRules.decide(ControlCatalog.bundled(), loaded.review(), ctx, List.of());
            if (format == Format.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("review", WafrRules.reviewRecord(loaded.review(), ctx, decisions));
                Map<String, Object> controls = new LinkedHashMap<>();
                decisions.forEach(d -> controls.put(d.controlId(), d.record()));
                doc.put("controls", controls);
                doc.put("attachments", loaded.attachments());
                out.println(JsonReportWriter.mapper().writeValueAsString(doc));
            } else {
                text(loaded, ctx, decisions, out);
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void text(WafrOptions.Loaded loaded, WafrRules.Context ctx, List<WafrRules.Decision> decisions,
                                 PrintWriter out) {
            var review = loaded.review();
            var w = review.workload();
            var l = review.lens();
            out.println("Well-Architected review");
            out.println("  source     " + (review.source().isApi() ? "WA Tool API, " + review.source().endpoint()
                    : String.join("\n             ", review.source().files().stream()
                    .map(f -> f.path() + " (" + f.format() + ", sha256 " + f.sha256() + ")").toList())));
            out.println("  workload   " + (w == null ? "unknown" : w.name() + "  " + w.arn()));
            if (w != null) {
                out.println("             accounts " + w.accountIds() + ", owner " + w.owner() + ", environment " + w.environment());
            }
            out.println("  lens       " + (l == null ? "unknown" : l.alias() + " " + l.version() + " " + l.status()
                    + ("NOT_CURRENT".equals(l.status()) ? " (legacy)" : "")));
            out.println("  milestone  " + (review.milestone() == null ? "none (live review)"
                    : review.milestone().number() + (review.milestone().name() == null ? "" : " " + review.milestone().name())));
            out.println("  date       " + review.reviewDate().map(d -> d + " (" + review.reviewDateField() + ", "
                    + Duration.between(d, ctx.now()).toDays() + " days old; --wafr-max-age " + ctx.maxAgeDays() + ")")
                    .orElse("unknown"));
            out.println("  account    " + (ctx.checkAccount() ? ctx.account() + " (" + ctx.accountBasis() + ")"
                    : "not checked: give --wafr-account ACCOUNT to check the review covers it"));
            out.println("  answers    " + review.answers().size());
            loaded.attachments().forEach(a -> out.println("  attachment " + a.source() + ": " + a.note()));
            List<String> reasons = WafrRules.reviewReasons(review, ctx);
            out.println(reasons.isEmpty() ? "  The review counts." : "  The review does not count: " + String.join("; ", reasons));
            List<String> waived = new ArrayList<>();
            for (WafrRules.Decision d : decisions) {
                out.println();
                out.println(d.controlId() + "  " + (d.waived() ? "WOULD BE WAIVED" : "NOT WAIVED"));
                for (WafrRules.QuestionOutcome q : d.questions()) {
                    String head = "    " + q.question().ref() + " " + q.question().id()
                            + (q.answeredAs() != null && !q.answeredAs().equals(q.question().id()) ? " (as " + q.answeredAs()
                            + (q.alsoAnsweredAs().isEmpty() ? "" : " and " + String.join(", ", q.alsoAnsweredAs())) + ")" : "");
                    if (q.counts()) {
                        out.println(head + ": counts, risk NONE, selected " + String.join(", ", q.selectedRequired())
                                + (q.notApplicableRequired().isEmpty() ? "" : "; not applicable " + String.join(", ", q.notApplicableRequired())));
                    } else {
                        out.println(head + ": " + q.reason());
                    }
                    if (q.legacy() != null) {
                        out.println("        legacy: " + q.legacy());
                    }
                }
                if (d.questions().isEmpty()) {
                    out.println("    no Well-Architected question is mapped to this control");
                }
                if (d.waived()) {
                    waived.add(d.controlId());
                }
            }
            out.println();
            out.println("Would waive: " + (waived.isEmpty() ? "nothing" : String.join(", ", waived))
                    + ". In a scan, a control with a FAIL finding is not waived (the automated checks win).");
        }
    }
}
