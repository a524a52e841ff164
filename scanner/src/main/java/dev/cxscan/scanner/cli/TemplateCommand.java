package dev.cxscan.scanner.cli;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ReportWriters;
import dev.cxscan.scanner.template.TemplateScan;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cxscan template [options] PATH...}: scan CloudFormation templates, folders and cdk.out assemblies. */
@Command(name = "template", mixinStandardHelpOptions = true, versionProvider = dev.cxscan.scanner.VersionProvider.class,
        sortOptions = false,
        description = "Scan CloudFormation templates (JSON or YAML), folders of templates and CDK cloud "
                + "assemblies (cdk.out) against the checklist controls.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no FAIL finding at or above --fail-on",
            "1:a FAIL finding at or above --fail-on",
            "2:usage error or input error (the reports are still written for what could be scanned; when no "
                    + "template could be read, none is written and --out is left as it was); "
                    + "--evidence names a file that is missing; --sign-key is not a usable key",
            "3:scan errors: a resource could not be evaluated (ERROR findings)"})
public final class TemplateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    dev.cxscan.scanner.wafr.WafrOptions wafr;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A template file, a folder (searched recursively) or a cdk.out folder.")
    List<Path> paths;

    private final Supplier<RuleEngine> engines;

    public TemplateCommand() {
        this(RuleEngine::withAllRules);
    }

    /** @param engines the rules to run (tests pass their own) */
    public TemplateCommand(Supplier<RuleEngine> engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        Reporting reporting = new Reporting(common, spec.commandLine());
        List<ReportWriter> writers = common.writers(reporting.writerOptions(), ReportWriters.TEMPLATE_DEFAULTS);
        Optional<EvidenceFile> evidence = reporting.evidence();
        if (evidence.isEmpty() || !reporting.signingKey(writers)) {
            return ExitCodes.USAGE;
        }
        wafr.validate(); // conflicting --wafr-* options fail before the output folder is created
        Path out = common.createOut();

        var review = wafr.load(reporting::progress);
        long start = System.nanoTime();
        Diagnostics diagnostics = new Diagnostics();
        TemplateScan.Outcome outcome = new TemplateScan(engines.get()).run(paths, diagnostics, evidence.get());
        if (outcome.templates() == 0 && !diagnostics.hasInputErrors()) {
            diagnostics.inputError(paths.stream().map(Path::toString).collect(Collectors.joining(" ")), null,
                    "no CloudFormation template found");
        }
        reporting.diagnostics(diagnostics, outcome.result());
        if (outcome.templates() == 0) {
            // input errors only: a report of nothing would replace the previous one and pass for a clean scan
            reporting.progress("nothing was scanned: no report written, " + out + " left as it was");
            return ExitCodes.USAGE;
        }
        reporting.progress(String.format("scanned %d template(s), %d resource(s): %d finding(s) in %d ms",
                outcome.templates(), outcome.resources(), outcome.result().findings().size(),
                (System.nanoTime() - start) / 1_000_000));
        var result = wafr.apply(outcome.result(), review, null, reporting::progress);
        reporting.write(result, writers, out);
        return reporting.exitCode(result, diagnostics);
    }
}
