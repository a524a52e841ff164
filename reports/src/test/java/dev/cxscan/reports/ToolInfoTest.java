package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolInfoTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static Properties build(String pomVersion, String tag, String commit) {
        Properties p = new Properties();
        p.setProperty("pom.version", pomVersion);
        p.setProperty("git.tag", tag);
        p.setProperty("git.commit", commit);
        return p;
    }

    @Test
    void aBuildFromATaggedCommitIsThatReleaseWithoutSnapshot() {
        ToolInfo tool = ToolInfo.fromBuild(build("0.2.0-SNAPSHOT", "v0.2.0", COMMIT));
        assertEquals("0.2.0", tool.version());
        assertEquals(COMMIT, tool.commit());
        assertEquals("0.2.0 (commit 0123456789ab)", tool.versionWithCommit());
    }

    @Test
    void anUntaggedBuildKeepsThePomVersion() {
        assertEquals("0.2.0-SNAPSHOT", ToolInfo.fromBuild(build("0.2.0-SNAPSHOT", "", COMMIT)).version());
    }

    @Test
    void aBuildOutsideAGitCheckoutSaysCommitUnknown() {
        ToolInfo tool = ToolInfo.fromBuild(build("0.2.0-SNAPSHOT", "", ""));
        assertEquals("unknown", tool.commit());
        assertEquals("0.2.0-SNAPSHOT (commit unknown)", tool.versionWithCommit());
    }

    @Test
    void thisBuildRecordedTheCommitOfItsCheckout() throws Exception {
        // built from a git checkout, the antrun step in reports/pom.xml recorded HEAD (a source tarball skips this)
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).trim();
        Assumptions.assumeTrue(git.waitFor() == 0, "not a git checkout: " + head);
        assertEquals(head, ToolInfo.current().commit());
    }

    @Test
    void resultsJsonCarriesTheCommitAfterTheVersion(@TempDir Path tmp) throws IOException {
        ScanResult result = SampleScan.create(tmp.resolve("in"));
        new JsonReportWriter().write(result, tmp);
        JsonNode tool = new ObjectMapper().readTree(tmp.resolve("results.json").toFile()).path("tool");
        assertEquals(java.util.List.of("name", "version", "commit"), iterable(tool));
        assertEquals(ToolInfo.current().commit(), tool.path("commit").asText());
    }

    private static java.util.List<String> iterable(JsonNode n) {
        java.util.List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
