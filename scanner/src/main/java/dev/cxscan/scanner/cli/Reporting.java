package dev.cxscan.scanner.cli;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.reports.EvidenceBundleInfo;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ReportWriters;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.evidence.EvidenceBundleWriter;
import dev.cxscan.reports.evidence.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** What every scan command does after scanning: print diagnostics, write the reports, pick the exit code. */
final class Reporting {
    private final CommonOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private SigningKey signingKey;

    Reporting(CommonOptions options, CommandLine commandLine) {
        this.options = options;
        this.out = commandLine.getOut();
        this.err = commandLine.getErr();
    }

    /** A progress line on stderr, unless --quiet. */
    void progress(String line) {
        if (!options.quiet()) {
            err.println("cxscan: " + line);
            err.flush();
        }
    }

    /** An error line on stderr, always (secret-looking values redacted). */
    void error(String message) {
        err.println("cxscan: error: " + new Redactor().text(message));
        err.flush();
    }

    /**
     * Reads --evidence; on a missing or invalid file prints the error (naming every missing document) and
     * returns empty: the command then exits 2 before scanning.
     */
    Optional<EvidenceFile> evidence() {
        try {
            return Optional.of(options.evidence());
        } catch (IOException e) {
            error(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads --sign-key for the evidence bundle; on a bad key file (or no evidence format to sign) prints one error
     * line and returns false: the command then exits 2 before scanning.
     */
    boolean signingKey(List<ReportWriter> writers) {
        if (options.signKey() == null) {
            return true;
        }
        if (writers.stream().noneMatch(w -> w instanceof EvidenceBundleWriter)) {
            error("--sign-key signs the evidence bundle, but --format does not write it: add evidence to --format");
            return false;
        }
        try {
            signingKey = SigningKey.load(options.signKey());
        } catch (IOException e) {
            error("--sign-key " + e.getMessage());
            return false;
        }
        progress("the evidence bundle will be signed by key " + signingKey.fingerprint() + " ("
                + signingKey.algorithm().id() + ")");
        return true;
    }

    /** Input errors always (they make the exit code 2), warnings unless --quiet. */
    void diagnostics(Diagnostics diagnostics) {
        diagnostics(diagnostics, new Redactor());
    }

    /**
     * As {@link #diagnostics(Diagnostics)}, redacting with what the result's resource data taught the redactor
     * (a parse error or warning may quote a line holding a secret).
     */
    void diagnostics(Diagnostics diagnostics, ScanResult result) {
        boolean nothingToPrint = diagnostics.inputErrors().isEmpty() && (options.quiet() || diagnostics.warnings().isEmpty());
        // learning the secrets of every resource costs a pass over all resource data: only when a line is printed
        diagnostics(diagnostics, nothingToPrint ? new Redactor() : Redactor.forResult(result));
    }

    private void diagnostics(Diagnostics diagnostics, Redactor redactor) {
        for (Diagnostics.InputError e : diagnostics.inputErrors()) {
            err.println("cxscan: error: " + redactor.text(e.toString()));
        }
        if (!options.quiet()) {
            for (String w : diagnostics.warnings()) {
                err.println("cxscan: warning: " + redactor.text(w));
            }
        }
        err.flush();
    }

    /**
     * Writes every requested format. The result passes through {@link Redactor#scrub} first, so no writer
     * (text and SARIF included) sees a secret. With --only-failures the files get only FAIL and ERROR findings,
     * while the control statuses and counts keep covering every finding, and the wafr record, the user's evidence
     * and the resource data of the remaining findings stay. The evidence bundle is written first: its manifest's
     * SHA-256 (and signer) then goes into results.json ({@code evidence}) and onto stderr. The files are written
     * beside {@code outDir} and swapped in at the end ({@link ReportFolder}): {@code outDir} then holds this run's
     * reports and no earlier run's, and a writer that fails leaves none of its files.
     */
    void write(ScanResult raw, List<ReportWriter> writers, Path outDir) throws IOException {
        // only the evidence bundle prints resource data; without it the data only teaches the redactor its secrets
        boolean bundle = writers.stream().anyMatch(w -> w.format().equals("evidence"));
        ScanResult full = Redactor.scrub(raw, bundle);
        ScanResult files = full;
        if (options.onlyFailures()) {
            List<Finding> failures = full.findings().stream()
                    .filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR).toList();
            // only the findings change: the controls (and their waivers), the wafr record, the user's evidence
            // and the resource data stay
            java.util.Set<dev.cxscan.reports.ResourceRef> kept = new java.util.HashSet<>();
            failures.forEach(f -> kept.add(f.resource()));
            java.util.Map<dev.cxscan.reports.ResourceRef, com.fasterxml.jackson.databind.JsonNode> data =
                    new java.util.LinkedHashMap<>();
            full.resourceData().forEach((ref, d) -> {
                if (kept.contains(ref)) {
                    data.put(ref, d);
                }
            });
            files = new ScanResult(full.schemaVersion(), full.tool(), full.scan(), full.controls(), failures, full.checks(),
                    full.userEvidence(), data)
                    .withWafr(full.controls(), full.wafr());
        }
        ReportFolder folder;
        try {
            folder = ReportFolder.stage(outDir);
        } catch (IOException | RuntimeException e) {
            String reason = dev.cxscan.reports.ReportFile.ReportFileException.reason(e);
            throw new ReportsNotWrittenException("cannot write the reports in " + outDir + " (" + reason + "): "
                    + CommonOptions.whatToDo(reason) + "\nno report file was written");
        }
        try {
            write(full, files, writers, folder, outDir);
        } finally {
            folder.cleanUp();
        }
    }

    /** Writes every format into the staging folder, then swaps what was written into {@code outDir}. */
    private void write(ScanResult full, ScanResult files, List<ReportWriter> writers, ReportFolder folder, Path outDir)
            throws IOException {
        List<ReportFolder.Unit> staged = new java.util.ArrayList<>();
        List<String> failed = new java.util.ArrayList<>();
        List<ReportWriter> ordered = new java.util.ArrayList<>(writers);
        ordered.sort(java.util.Comparator.comparing(w -> !(w instanceof EvidenceBundleWriter)));
        String manifestLine = null;
        for (ReportWriter w : ordered) {
            java.util.Set<String> before = folder.stagedNames();
            try {
                Path file;
                if (w instanceof EvidenceBundleWriter) {
                    EvidenceBundleWriter.Written bundleWritten = new EvidenceBundleWriter(signingKey)
                            .writeBundle(files, folder.staging());
                    EvidenceBundleInfo info = new EvidenceBundleInfo(
                            EvidenceBundleWriter.FOLDER + "/" + EvidenceBundleWriter.MANIFEST, bundleWritten.manifestSha256(),
                            signingKey == null ? null : signingKey.algorithm().id(), bundleWritten.signerFingerprint());
                    full = full.withEvidence(info);
                    files = files.withEvidence(info);
                    file = bundleWritten.zip();
                    manifestLine = "evidence manifest SHA-256 " + info.manifestSha256()
                            + (info.signerFingerprint() == null ? " (unsigned)" : " (signed by " + info.signerFingerprint() + ")")
                            + ": quote it in the application";
                } else {
                    file = w.write(w.format().equals("text") ? full : files, folder.staging());
                }
                java.util.Set<String> names = new java.util.TreeSet<>(folder.stagedNames());
                names.removeAll(before);
                staged.add(new ReportFolder.Unit(w.format(), file, List.copyOf(names)));
            } catch (IOException | java.io.UncheckedIOException e) {
                // the other formats are independent: write what can be written, then fail with the whole picture
                failed.add(notWritten(w.format(), outDir, folder,
                        e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e));
            }
        }
        out.flush();
        ReportFolder.Commit commit;
        try {
            commit = folder.commit(staged, w -> warning(w));
        } catch (IOException e) {
            failed.add(e.getMessage());
            throw new ReportsNotWrittenException(String.join("\n", failed) + "\nno report file was written");
        }
        for (ReportFolder.Refused r : commit.refused()) {
            failed.add("cannot write " + r.blocked() + " (" + r.reason() + "): " + CommonOptions.whatToDo(r.reason()));
        }
        List<Path> written = new java.util.ArrayList<>();
        for (ReportFolder.Unit u : commit.committed()) {
            if (u.reported() != null) {
                Path file = folder.inOut(u.reported());
                written.add(file);
                progress("wrote " + file);
            }
        }
        if (manifestLine != null && commit.committed().stream().anyMatch(u -> u.format().equals("evidence"))) {
            progress(manifestLine);
        }
        if (!failed.isEmpty()) {
            StringBuilder m = new StringBuilder(String.join("\n", failed));
            m.append("\n").append(written.isEmpty() ? "no report file was written"
                    : "only these report files were written: " + written.stream().map(Path::toString)
                            .collect(java.util.stream.Collectors.joining(", ")));
            throw new ReportsNotWrittenException(m.toString());
        }
    }

    /** A warning line on stderr, unless --quiet. */
    void warning(String message) {
        if (!options.quiet()) {
            err.println("cxscan: warning: " + new Redactor().text(message));
            err.flush();
        }
    }

    /** "cannot write FILE (REASON): WHAT TO DO" for a writer that failed. */
    private static String notWritten(String format, Path outDir, ReportFolder folder, IOException e) {
        String what;
        String reason;
        if (e instanceof dev.cxscan.reports.ReportFile.ReportFileException r) {
            what = folder.inOut(r.file()).toString();
            reason = r.reason();
        } else {
            what = "the " + format + " report in " + outDir;
            reason = dev.cxscan.reports.ReportFile.ReportFileException.reason(e);
        }
        return "cannot write " + what + " (" + reason + "): " + CommonOptions.whatToDo(reason);
    }

    ReportWriters.Options writerOptions() {
        return new ReportWriters.Options(out, colorAllowed(), options.onlyFailures());
    }

    /** Exit code with ARCHITECTURE.md's precedence: 2 (input errors) over 3 (ERROR findings) over 1. */
    int exitCode(ScanResult result, Diagnostics diagnostics) {
        if (diagnostics.hasInputErrors()) {
            return ExitCodes.USAGE;
        }
        if (result.hasErrors()) {
            return ExitCodes.SCAN_ERROR;
        }
        return result.failsAt(options.failOn()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    static boolean colorAllowed() {
        return System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"))
                && System.console() != null && CommandLine.Help.Ansi.AUTO.enabled();
    }
}
