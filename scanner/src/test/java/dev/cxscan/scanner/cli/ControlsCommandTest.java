package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import org.junit.jupiter.api.Test;

class ControlsCommandTest {
    @Test
    void textListsEveryControlWithRequirementEvidenceAndChecks() {
        CliRun r = CliRun.run("controls");
        assertEquals(0, r.exit(), r.toString());
        for (Control c : ControlCatalog.bundled().controls()) {
            String firstWord = c.title().split(" ")[0];
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(c.id() + "  " + firstWord)), c.id());
        }
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+s3_bucket_encrypted\\s+medium\\s+templates\\+live")),
                r.out());
        assertTrue(r.out().contains("  Requirement:") && r.out().contains("  Evidence (each must be covered for PASS):"));
        // each evidence item says what may cover it
        assertTrue(r.out().contains("[a document you attach with --evidence]"), r.out());
        assertTrue(r.out().contains("[this scan's findings when every check runs and passes, or a document]"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= ControlsCommand.WIDTH || !l.contains(" ")),
                "wrapped at " + ControlsCommand.WIDTH);
    }

    @Test
    void jsonIsTheCatalog() throws Exception {
        CliRun r = CliRun.run("controls", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(ControlCatalog.bundled().controls().size(), json.path("controls").size());
        assertEquals(ControlCatalog.bundled().checks().size(), json.path("checks").size());
        assertEquals("NETSEC-002", json.at("/controls/6/id").asText());
    }

    @Test
    void badFormatIsAUsageError() {
        CliRun r = CliRun.run("controls", "--format", "sarif");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("text") && r.err().contains("json"), r.err());
    }
}
