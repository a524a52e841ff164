package dev.cxscan.scanner.cli;

import dev.cxscan.reports.evidence.EvidenceVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cxscan verify-evidence evidence.zip|evidence/}: re-computes the SHA-256 of every file of an evidence
 * bundle and compares it with its manifest.json. Prints one line per file that changed, was added or is
 * missing, or one OK line with the manifest's own SHA-256 (keep it with the submission: the manifest cannot
 * vouch for itself).
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
        versionProvider = dev.cxscan.scanner.VersionProvider.class,
        description = "Check an evidence bundle (evidence.zip or the evidence/ folder) against its manifest.json: "
                + "every file's SHA-256, and no file added or missing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the bundle is intact",
            "1:a file changed, was added or is missing",
            "2:usage error, or the path is not an evidence bundle (no readable manifest.json)"})
public final class VerifyEvidenceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "evidence.zip, or the evidence/ folder (or the folder holding it).")
    Path bundle;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvidenceVerifier.Result result;
        try {
            result = EvidenceVerifier.verify(bundle);
        } catch (IOException e) {
            err.println("cxscan: error: " + (e instanceof EvidenceVerifier.InvalidBundleException ? "" : bundle + ": ")
                    + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        result.report().forEach(out::println);
        if (!result.ok()) {
            out.println("NOT INTACT: " + bundle + ": " + result.changed().size() + " changed, " + result.added().size()
                    + " added, " + result.missing().size() + " missing (of " + result.filesChecked()
                    + " files in manifest.json, SHA-256 " + result.manifestSha256() + ")");
        }
        out.flush();
        return result.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
