package dev.cxscan.scanner.cli;

import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ReportWriters;
import dev.cxscan.reports.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options every scan command shares (picocli mixin): formats, output folder, gate, verbosity. */
public final class CommonOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "Report formats, comma-separated or repeated: json, sarif, junit, html, md, csv, text, "
                    + "evidence. Default: text,json,sarif for template (plus evidence with --sign-key or --evidence), "
                    + "text,json,html,evidence for account.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cxscan-report",
            description = "Folder for the report files (created). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high", converter = FailOnConverter.class,
            description = "Exit 1 when a FAIL finding has this severity or worse: critical, high, medium, low, "
                    + "none (never). Default: ${DEFAULT-VALUE}.")
    FailOn failOn;

    @Option(names = "--only-failures",
            description = "Only FAIL and ERROR findings in the text table and in the report files "
                    + "(control statuses and counts still cover every finding).")
    boolean onlyFailures;

    @Option(names = {"-q", "--quiet"},
            description = "No progress lines or warnings on stderr; without --format, no text table either. "
                    + "Errors are still printed.")
    boolean quiet;

    @Option(names = "--evidence", paramLabel = "FILE",
            description = "Your evidence for the controls no scan can judge (evidence.yaml: per control, a statement "
                    + "and documents, files or URLs); covered controls are reported ATTESTED and the files are "
                    + "copied into the evidence bundle.")
    Path evidence;

    @Option(names = "--sign-key", paramLabel = "FILE",
            description = "Sign the evidence bundle with this private key (Ed25519 or ECDSA P-256, PKCS#8 PEM; "
                    + "cxscan keygen makes one): writes evidence/manifest.json.sig, checked by "
                    + "cxscan verify-evidence --public-key.")
    Path signKey;

    /** The --fail-on threshold; {@code severity} is null for "none". */
    public record FailOn(Severity severity) {
    }

    static final class FailOnConverter implements CommandLine.ITypeConverter<FailOn> {
        @Override
        public FailOn convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("none")) {
                return new FailOn(null);
            }
            if (v.equals("info")) {
                return new FailOn(Severity.INFO);
            }
            for (String allowed : List.of("critical", "high", "medium", "low")) {
                if (allowed.equals(v)) {
                    return new FailOn(Severity.parse(v));
                }
            }
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a severity (expected critical, high, medium, low or none)");
        }
    }

    public Path out() {
        return out;
    }

    public Severity failOn() {
        return failOn.severity();
    }

    public boolean onlyFailures() {
        return onlyFailures;
    }

    public boolean quiet() {
        return quiet;
    }

    /** The --sign-key file, or null. */
    public Path signKey() {
        return signKey;
    }

    /**
     * The --evidence file, read and checked ({@link EvidenceFile#none()} without the option).
     *
     * @throws EvidenceFile.EvidenceException when the file is missing or invalid or names documents that do
     *                                        not exist (every one named): an input error, exit 2
     */
    public EvidenceFile evidence() throws java.io.IOException {
        return evidence == null ? EvidenceFile.none() : EvidenceFile.load(evidence, ControlCatalog.bundled());
    }

    /** True when the user chose the formats (the text table then prints even with --quiet). */
    public boolean formatsGiven() {
        return !formats.isEmpty();
    }

    /**
     * The requested formats, validated: a usage error (exit 2) names the formats available when one
     * is unknown or not implemented yet.
     *
     * @param defaults what the command writes without --format (the evidence bundle is added when --sign-key or
     *                 --evidence asks for it)
     */
    public List<String> formats(List<String> defaults) {
        Set<String> out = new LinkedHashSet<>();
        List<String> requested = formats;
        if (formats.isEmpty()) {
            requested = new ArrayList<>(defaults);
            // asking for a signed bundle or for documents copied into it asks for the bundle
            if ((signKey != null || evidence != null) && !requested.contains("evidence")) {
                requested.add("evidence");
            }
        }
        for (String f : requested) {
            String name = f.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!ReportWriters.available().contains(name)) {
                String why = ReportWriters.planned().contains(name) ? "is not implemented yet" : "is unknown";
                throw new ParameterException(spec.commandLine(), "format '" + f.trim() + "' " + why
                        + "; available formats: " + String.join(", ", ReportWriters.available()));
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--format names no format; available formats: "
                    + String.join(", ", ReportWriters.available()));
        }
        if (quiet && !formatsGiven()) {
            out.remove("text");
        }
        return List.copyOf(out);
    }

    /**
     * Creates the output folder and checks a file can be created in it, so that a scan does not run for an
     * hour only to find it cannot write its reports: a usage error (exit 2) that says what to do otherwise.
     * The folders this check creates are removed again: a scan that writes no report leaves --out as it was.
     */
    public Path createOut() {
        Path notFolder = firstNonFolder(out);
        if (notFolder != null) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": "
                    + (notFolder.equals(out) ? "it" : notFolder.toString()) + " is a file, not a folder: "
                    + "choose another --out (a folder to create, or an existing one)");
        }
        Path created = firstMissing(out);
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException | RuntimeException e) {
            String reason = dev.cxscan.reports.ReportFile.ReportFileException.reason(e);
            throw new ParameterException(spec.commandLine(), "--out " + out + ": cannot create the folder ("
                    + reason + "): " + whatToDo(reason));
        }
        try {
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(out, ".cxscan-write-check", ".tmp"));
        } catch (java.io.IOException | RuntimeException e) {
            String reason = dev.cxscan.reports.ReportFile.ReportFileException.reason(e);
            throw new ParameterException(spec.commandLine(), "--out " + out + ": cannot write in the folder ("
                    + reason + "): " + whatToDo(reason));
        } finally {
            removeCreated(created);
        }
        return out;
    }

    /** The outermost folder of {@code path} that does not exist yet, or null when it exists. */
    private static Path firstMissing(Path path) {
        Path missing = null;
        for (Path p = path.toAbsolutePath().normalize(); p != null && !java.nio.file.Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Removes {@code top} and the empty folders under it the check created (best effort). */
    private static void removeCreated(Path top) {
        if (top == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(top)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // best effort: an empty folder left behind holds no report
        }
    }

    /** {@code path} or its nearest existing ancestor when that is not a folder; else null. */
    private static Path firstNonFolder(Path path) {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                return java.nio.file.Files.isDirectory(p) ? null
                        : p.equals(path.toAbsolutePath()) ? path : p;
            }
        }
        return null;
    }

    /** What the user can do about an output file or folder that could not be written, given the reason. */
    static String whatToDo(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left") || r.contains("quota")) {
            return "free space on that disk, or choose another --out";
        }
        if (r.contains("read-only file system")) {
            return "choose another --out, on a writable disk";
        }
        if (r.contains("in the way")) {
            return "remove or rename it, or choose another --out";
        }
        if (r.contains("is a directory")) {
            return "remove or rename that folder, or choose another --out";
        }
        return "choose another --out, a folder you can write";
    }

    /** Writers for the validated formats. */
    public List<ReportWriter> writers(ReportWriters.Options options, List<String> defaults) {
        return formats(defaults).stream().map(f -> ReportWriters.create(f, options).orElseThrow()).toList();
    }
}
