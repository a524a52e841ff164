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
 * {@code cxscan verify-evidence evidence.zip|evidence/ [--public-key FILE]}: re-computes the SHA-256 of every file
 * of an evidence bundle and compares it with its manifest.json, then checks the signature of manifest.json.
 * Prints one line per file that changed, was added or is missing, or one OK line with the manifest's own SHA-256,
 * then one line on the signature: who signed (the key's fingerprint) and whether that is the key given. Without
 * --public-key a signature only shows which key signed, not that the key is the partner's: anyone can re-sign a
 * rewritten bundle with a key of their own.
 */
@Command(name = "verify-evidence", mixinStandardHelpOptions = true,
        versionProvider = dev.cxscan.scanner.VersionProvider.class,
        description = "Check an evidence bundle (evidence.zip or the evidence/ folder) against its manifest.json: "
                + "every file's SHA-256, no file added or missing, and the signature (manifest.json.sig): with "
                + "--public-key it must be made by that key.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the bundle is intact (an unsigned bundle verifies with a warning, unless --public-key is given)",
            "1:a file changed, was added or is missing; or the signature does not match, was made by another key "
                    + "than --public-key, or is missing while --public-key is given",
            "2:usage error, or the path is not an evidence bundle (no readable manifest.json)"})
public final class VerifyEvidenceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "evidence.zip, or the evidence/ folder (or the folder holding it).")
    Path bundle;

    @CommandLine.Option(names = "--public-key", paramLabel = "FILE",
            description = "The signer's public key (PEM, SPKI: cxscan-signing-key.pub.pem from cxscan keygen): the bundle "
                    + "must be signed by it.")
    Path publicKey;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.security.PublicKey trusted = null;
        if (publicKey != null) {
            try {
                trusted = dev.cxscan.reports.evidence.PublicKeys.load(publicKey);
            } catch (IOException e) {
                err.println("cxscan: error: --public-key " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        EvidenceVerifier.Result result;
        try {
            result = EvidenceVerifier.verify(bundle, trusted);
        } catch (IOException e) {
            err.println("cxscan: error: " + (e instanceof EvidenceVerifier.InvalidBundleException ? "" : bundle + ": ")
                    + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        result.report().forEach(out::println);
        if (!result.hashesMatch()) {
            out.println("NOT INTACT: " + bundle + ": " + result.changed().size() + " changed, " + result.added().size()
                    + " added, " + result.missing().size() + " missing (of " + result.filesChecked()
                    + " files in manifest.json, SHA-256 " + result.manifestSha256() + ")");
        }
        if (result.hashesMatch() && !result.signature().ok()) {
            out.println("NOT VERIFIED: " + bundle + ": the files match manifest.json, but its signature does not hold");
        }
        out.flush();
        return result.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
