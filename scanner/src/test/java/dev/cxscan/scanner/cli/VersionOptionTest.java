package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cxscan.reports.ToolInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOptionTest {
    @Test
    void versionPrintsTheReleaseAndTheCommitTheBuildRecorded() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        ToolInfo tool = ToolInfo.current();
        assertEquals(List.of("cxscan " + tool.version(), "commit " + tool.commit()), lines);
    }
}
