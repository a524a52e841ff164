package dev.cxscan.scanner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.csv.CsvWriter;
import dev.cxscan.reports.evidence.EvidenceBundleWriter;
import dev.cxscan.reports.html.HtmlReportWriter;
import dev.cxscan.reports.json.JsonReportWriter;
import dev.cxscan.reports.junit.JunitXmlWriter;
import dev.cxscan.reports.markdown.MarkdownWriter;
import dev.cxscan.reports.sarif.SarifWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The --out folder, holding exactly one run's reports. The writers write into a fresh staging folder beside
 * --out ({@code .NAME.tmp-RANDOM}, or inside --out when its parent refuses new folders); {@link #commit} then
 * swaps the staged entries in with renames (atomic where the file system allows). What cxscan put into --out
 * is recorded in {@value #MANIFEST}; only recorded entries are ever removed, so a user's own file stays.
 * <p>
 * The swap: (1) the manifest is rewritten as pending ({@code "complete": false}) listing the previous and the
 * new entries; (2) every previous entry is moved out into the staging folder; (3) every new entry is moved in;
 * (4) the manifest is rewritten as complete with the new entries only. An I/O failure undoes the moves done so
 * far. A kill between (1) and (4) leaves either some previous entries or some new ones in --out, never both,
 * and a pending manifest that names every one of them, so the next run removes them all; the staging folder
 * left beside --out is named in a warning by the next run.
 */
final class ReportFolder {
    /** cxscan's record of the entries it wrote into --out. */
    static final String MANIFEST = ".cxscan-files.json";
    /** The names the writers use: an unrecorded entry with one of them is named in a warning. */
    static final Set<String> REPORT_NAMES = Set.of(JsonReportWriter.FILE_NAME, HtmlReportWriter.FILE_NAME,
            MarkdownWriter.FILE_NAME, SarifWriter.FILE_NAME, JunitXmlWriter.FILE_NAME, CsvWriter.SELF_ASSESSMENT,
            CsvWriter.FINDINGS, EvidenceBundleWriter.FOLDER, EvidenceBundleWriter.ZIP);
    private static final String PREVIOUS = ".previous";
    private static final String INSIDE_PREFIX = ".cxscan-staging-";

    /** Moves one entry (file or folder); tests substitute a failing one. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** What one writer staged: the path it reported (in the staging folder) and the top-level entries it made. */
    record Unit(String format, Path reported, List<String> names) {
    }

    /** A unit that could not go into --out because an entry cxscan did not write is in the way. */
    record Refused(Unit unit, Path blocked, String reason) {
    }

    /** The outcome of {@link #commit}: the units now in --out and the ones refused. */
    record Commit(List<Unit> committed, List<Refused> refused) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;
    private final Path staging;
    private final Mover mover;
    private boolean keepStaging;

    private ReportFolder(Path out, Path staging, Mover mover) {
        this.out = out;
        this.staging = staging;
        this.mover = mover;
    }

    /** Creates the staging folder for {@code out} (nothing in --out changes until {@link #commit}). */
    static ReportFolder stage(Path out) throws IOException {
        return stage(out, ReportFolder::rename);
    }

    static ReportFolder stage(Path out, Mover mover) throws IOException {
        Path parent = out.toAbsolutePath().normalize().getParent();
        Path staging = null;
        if (parent != null) {
            try {
                Files.createDirectories(parent);
                staging = Files.createTempDirectory(parent, stagingPrefix(out));
            } catch (IOException | RuntimeException e) {
                // a parent that refuses new folders: stage inside --out (same file system, renames still atomic)
            }
        }
        if (staging == null) {
            Files.createDirectories(out);
            staging = Files.createTempDirectory(out, INSIDE_PREFIX);
        }
        return new ReportFolder(out, staging, mover);
    }

    private static String stagingPrefix(Path out) {
        return "." + out.toAbsolutePath().normalize().getFileName() + ".tmp-";
    }

    /** Where the writers write. */
    Path staging() {
        return staging;
    }

    /** The top-level entries staged so far. */
    Set<String> stagedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(staging)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.remove(PREVIOUS);
        return names;
    }

    /** A path under the staging folder as it will be in --out (for messages); other paths unchanged. */
    Path inOut(Path path) {
        if (path != null && path.toAbsolutePath().startsWith(staging.toAbsolutePath())) {
            return out.resolve(staging.toAbsolutePath().relativize(path.toAbsolutePath()).toString());
        }
        return path;
    }

    /**
     * Swaps the staged units into --out: afterwards it holds the committed units, the user's own entries and
     * the manifest, nothing of an earlier run. A unit blocked by an entry cxscan did not write (a folder, or an
     * evidence/ folder that is not a bundle) is refused and left out as a whole.
     *
     * @throws IOException when the swap failed; the moves done are undone (the message says if that failed too)
     */
    Commit commit(List<Unit> units, Consumer<String> warn) throws IOException {
        Files.createDirectories(out);
        leftoversOfInterruptedRuns().forEach(p -> warn.accept(p + " was left by an interrupted cxscan run: delete it"));
        byte[] previousManifest = Files.isRegularFile(manifest()) ? Files.readAllBytes(manifest()) : null;
        Set<String> previous = recorded(previousManifest, warn);

        List<Unit> accepted = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Set<String> replacedUnrecorded = new TreeSet<>();
        for (Unit u : units) {
            Refused blocked = null;
            Set<String> replaces = new TreeSet<>();
            for (String name : u.names()) {
                Path target = out.resolve(name);
                if (previous.contains(name) || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String why = notReplaceable(target);
                if (why != null) {
                    blocked = new Refused(u, target, why);
                    break;
                }
                replaces.add(name);
            }
            if (blocked != null) {
                refused.add(blocked);
            } else {
                accepted.add(u);
                replacedUnrecorded.addAll(replaces);
            }
        }
        Set<String> incoming = new LinkedHashSet<>();
        accepted.forEach(u -> incoming.addAll(u.names()));
        Set<String> outgoing = new TreeSet<>();
        for (String name : previous) {
            if (Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                outgoing.add(name);
            }
        }
        outgoing.addAll(replacedUnrecorded);

        Set<String> pending = new TreeSet<>(outgoing);
        pending.addAll(incoming);
        writeManifest(pending, false);
        List<Path[]> moved = new ArrayList<>();
        try {
            Path trash = Files.createDirectories(staging.resolve(PREVIOUS));
            for (String name : outgoing) {
                move(out.resolve(name), trash.resolve(name), moved);
            }
            for (String name : incoming) {
                move(staging.resolve(name), out.resolve(name), moved);
            }
        } catch (IOException | RuntimeException e) {
            throw undo(moved, previousManifest, e);
        }
        writeManifest(incoming, true);
        replacedUnrecorded.forEach(n -> warn.accept("replaced " + out.resolve(n)
                + ": cxscan had not recorded it as a report it wrote (a report of an older cxscan?)"));
        for (String name : REPORT_NAMES) {
            if (!incoming.contains(name) && Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                warn.accept(out.resolve(name) + " is not from this run: cxscan did not record it as its own, so it "
                        + "was left as it is; remove it if it is an old report");
            }
        }
        return new Commit(accepted, refused);
    }

    /** Removes the staging folder (and the previous run's entries moved into it), unless a failed undo needs it. */
    void cleanUp() {
        if (keepStaging) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: the next run names what is left
        }
    }

    private void move(Path from, Path to, List<Path[]> moved) throws IOException {
        mover.move(from, to);
        moved.add(new Path[] {from, to});
    }

    /** Undoes the moves (newest first) and restores the manifest; the exception to throw says how that went. */
    private IOException undo(List<Path[]> moved, byte[] previousManifest, Exception cause) {
        String reason = dev.cxscan.reports.ReportFile.ReportFileException.reason(cause);
        try {
            for (int i = moved.size() - 1; i >= 0; i--) {
                rename(moved.get(i)[1], moved.get(i)[0]);
            }
            if (previousManifest == null) {
                Files.deleteIfExists(manifest());
            } else {
                writeAtomically(manifest(), previousManifest);
            }
            return new IOException("cannot swap the new reports into " + out + " (" + reason + "); " + out
                    + " is left as it was", cause);
        } catch (IOException | RuntimeException e) {
            keepStaging = true;
            return new IOException("cannot swap the new reports into " + out + " (" + reason + ") nor undo the swap ("
                    + dev.cxscan.reports.ReportFile.ReportFileException.reason(e) + "): " + out
                    + " may hold only part of a report; the previous files are in " + staging.resolve(PREVIOUS), cause);
        }
    }

    /** Why an entry cxscan did not record must not be replaced, or null when it is a report of an older cxscan. */
    private static String notReplaceable(Path target) {
        if (Files.isSymbolicLink(target)) {
            return "a symbolic link cxscan did not write is in the way"; // never written through, never replaced
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return null; // a file with a report's name: every cxscan version before the manifest replaced it
        }
        if (target.getFileName().toString().equals(EvidenceBundleWriter.FOLDER)
                && Files.isRegularFile(target.resolve(EvidenceBundleWriter.MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            return null; // an evidence bundle of an older cxscan
        }
        return "Is a directory";
    }

    /** The entries the manifest records (a pending one included: a killed run's entries are cxscan's too). */
    private Set<String> recorded(byte[] manifest, Consumer<String> warn) {
        Set<String> names = new TreeSet<>();
        if (manifest == null) {
            return names;
        }
        try {
            JsonNode files = JSON.readTree(new String(manifest, StandardCharsets.UTF_8)).path("files");
            for (JsonNode n : files) {
                String name = n.asText("");
                // only plain names of this folder: a hand-edited manifest must not reach outside it
                if (!name.isEmpty() && !name.equals(MANIFEST) && Path.of(name).getNameCount() == 1
                        && !name.equals(".") && !name.equals("..") && !name.contains("/") && !name.contains("\\")) {
                    names.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            warn.accept("ignoring " + manifest() + ": it is not cxscan's record of its files (" + e.getMessage()
                    + "); the files it named are left as they are");
        }
        return names;
    }

    private void writeManifest(Set<String> names, boolean complete) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("tool", "cxscan");
        m.put("comment", "the files cxscan wrote into this folder; the next run removes these and only these");
        m.put("complete", complete);
        new TreeSet<>(names).forEach(m.putArray("files")::add);
        writeAtomically(manifest(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        rename(tmp, file);
    }

    private Path manifest() {
        return out.resolve(MANIFEST);
    }

    /** Staging folders of earlier runs that were killed before they could remove them. */
    private List<Path> leftoversOfInterruptedRuns() {
        List<Path> found = new ArrayList<>();
        Path parent = out.toAbsolutePath().normalize().getParent();
        Map<Path, String> places = new LinkedHashMap<>();
        if (parent != null) {
            places.put(parent, stagingPrefix(out));
        }
        places.put(out.toAbsolutePath().normalize(), INSIDE_PREFIX);
        places.forEach((dir, prefix) -> {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith(prefix))
                        .filter(p -> !p.equals(staging.toAbsolutePath().normalize()))
                        .forEach(found::add);
            } catch (IOException | RuntimeException ignored) {
                // nothing to name
            }
        });
        return found;
    }

    /** A rename, atomic where the file system allows (replacing the target on POSIX). */
    static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
