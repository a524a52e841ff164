package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskNamesTheFileAndTheReasonAndLeavesNoTruncatedFile() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs /dev/full (every write fails with No space left on device)");
        Path file = dir.resolve("results.json");
        Files.createSymbolicLink(file, full);
        ReportFile.ReportFileException e = assertThrows(ReportFile.ReportFileException.class,
                () -> ReportFile.write(file, "x".repeat(200_000)));
        assertEquals(file, e.file());
        assertEquals("No space left on device", e.reason());
        assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS), "no truncated file is left to pass for a report");
    }
}
