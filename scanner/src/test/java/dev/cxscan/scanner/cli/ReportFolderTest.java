package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The swap of a run's reports into --out, with the renames failing or the process killed part-way. */
class ReportFolderTest {
    private static final List<String> OLD = List.of("index.html", "results.json", "self-assessment.csv");
    private static final List<String> NEW = List.of("results.json", "summary.md");

    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("report");
    }

    /** Stages {@code names} holding {@code content} and commits them with {@code mover}. */
    private ReportFolder.Commit run(List<String> names, String content, ReportFolder.Mover mover, List<String> warnings)
            throws IOException {
        ReportFolder folder = ReportFolder.stage(out(), mover);
        List<ReportFolder.Unit> units = new ArrayList<>();
        for (String n : names) {
            units.add(new ReportFolder.Unit(n, Files.writeString(folder.staging().resolve(n), content + " " + n),
                    List.of(n)));
        }
        try {
            return folder.commit(units, warnings::add);
        } finally {
            folder.cleanUp();
        }
    }

    private void previousRun() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("notes.txt"), "the user's");
        run(OLD, "old", ReportFolder::rename, new ArrayList<>());
    }

    @Test
    void aFailedRenameUndoesTheSwapAndLeavesOutAsItWas() throws IOException {
        previousRun();
        Map<String, String> before = ReportFolderCliTest.snapshot(out());
        AtomicInteger moves = new AtomicInteger();
        ReportFolder.Mover fullDisk = (from, to) -> {
            if (moves.incrementAndGet() == OLD.size() + 2) { // the second new file
                throw new FileSystemException(to.toString(), null, "No space left on device");
            }
            ReportFolder.rename(from, to);
        };
        IOException e = assertThrows(IOException.class, () -> run(NEW, "new", fullDisk, new ArrayList<>()));
        assertTrue(e.getMessage().contains("No space left on device") && e.getMessage().contains("left as it was"),
                e.getMessage());
        assertEquals(before, ReportFolderCliTest.snapshot(out()), "byte-identical, manifest included");
        assertEquals(List.of("report"), names(dir), "the staging folder is removed");
    }

    @ParameterizedTest(name = "killed before move {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void aKillMidSwapNeverLeavesAMixAndTheNextRunCleansUp(int killAt) throws IOException {
        previousRun();
        AtomicInteger moves = new AtomicInteger();
        ReportFolder.Mover killed = (from, to) -> {
            if (moves.incrementAndGet() == killAt) {
                throw new Killed();
            }
            ReportFolder.rename(from, to);
        };
        ReportFolder folder = ReportFolder.stage(out(), killed);
        List<ReportFolder.Unit> units = new ArrayList<>();
        for (String n : NEW) {
            units.add(new ReportFolder.Unit(n, Files.writeString(folder.staging().resolve(n), "new " + n), List.of(n)));
        }
        assertThrows(Killed.class, () -> folder.commit(units, w -> { }));
        // no cleanUp: the process is gone

        Set<String> runs = new TreeSet<>();
        for (String n : names(out())) {
            if (ReportFolder.REPORT_NAMES.contains(n)) {
                runs.add(Files.readString(out().resolve(n)).split(" ")[0]);
            }
        }
        assertTrue(runs.size() <= 1, "report files of one run only, found " + runs + " in " + names(out()));
        assertFalse(new ObjectMapper().readTree(out().resolve(ReportFolder.MANIFEST).toFile()).path("complete")
                .asBoolean(true), "the manifest says the swap did not finish");
        assertEquals("the user's", Files.readString(out().resolve("notes.txt")));

        List<String> warnings = new ArrayList<>();
        run(List.of("index.html"), "next", ReportFolder::rename, warnings);
        assertEquals(new TreeSet<>(List.of("index.html", "notes.txt", ReportFolder.MANIFEST)),
                new TreeSet<>(names(out())), "every file of the killed run is recognized as cxscan's and removed");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("interrupted cxscan run: delete it")), warnings::toString);
    }

    @Test
    void aManifestThatNamesPathsOutsideTheFolderRemovesNothingThere() throws IOException {
        Files.createDirectories(out());
        Path outside = Files.writeString(dir.resolve("precious.txt"), "keep");
        Files.writeString(out().resolve(ReportFolder.MANIFEST),
                "{\"files\": [\"../precious.txt\", \"/etc/passwd\", \"..\"]}");
        run(NEW, "new", ReportFolder::rename, new ArrayList<>());
        assertEquals("keep", Files.readString(outside));
        assertEquals(new TreeSet<>(List.of("results.json", "summary.md", ReportFolder.MANIFEST)),
                new TreeSet<>(names(out())));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Stands for the process dying: nothing catches it. */
    private static final class Killed extends Error {
    }
}
