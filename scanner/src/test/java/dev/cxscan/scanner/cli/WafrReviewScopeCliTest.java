package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.wafr.WafrFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviews imported from files that must not waive (a PREPRODUCTION workload, one without an Environment) and a
 * review of the 2020-07-02 lens that waives through its old question and choice ids, seen where a user looks:
 * {@code cxscan wafr show} (text and json) and a template scan's results.json, HTML report and evidence bundle.
 */
class WafrReviewScopeCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PREPRODUCTION = "the review's workload environment is PREPRODUCTION; the checklist accepts "
            + "production customer examples only";

    @TempDir
    Path dir;

    ObjectNode resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wafr/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    Path write(String name, JsonNode node) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, node.toPrettyString());
        return p;
    }

    /** get-workload as the CLI prints it, with Environment set (null: the field removed). */
    Path workload(String environment) throws IOException {
        ObjectNode w = resource("get-workload.cli.json");
        if (environment == null) {
            ((ObjectNode) w.get("Workload")).remove("Environment");
        } else {
            ((ObjectNode) w.get("Workload")).put("Environment", environment);
        }
        return write("workload.json", w);
    }

    String[] review(Path workload) throws IOException {
        return new String[] {"--wafr-file", workload.toString(), "--wafr-file",
            write("lens-review.json", resource("get-lens-review.wire.json")).toString(),
            "--wafr-file", write("answers.json", WafrFixtures.fullListAnswers()).toString(), "--wafr-max-age", "100000"};
    }

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void wafrShowSaysAPreproductionReviewWaivesNothingAndWhy() throws IOException {
        String[] files = review(workload("PREPRODUCTION"));
        CliRun text = CliRun.run(concat(new String[] {"wafr", "show"}, files));
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().contains("environment PREPRODUCTION"), text.out());
        assertTrue(text.out().contains("The review does not count: " + PREPRODUCTION), text.out());
        assertFalse(text.out().contains("WOULD BE WAIVED"), text.out());
        assertTrue(text.out().contains("Would waive: nothing."), text.out());

        CliRun json = CliRun.run(concat(new String[] {"wafr", "show", "--format", "json"}, files));
        assertEquals(0, json.exit(), json.toString());
        JsonNode doc = JSON.readTree(json.out());
        assertFalse(doc.at("/review/counts").asBoolean(true));
        assertEquals(PREPRODUCTION, doc.at("/review/reviewReasons/0").asText());
        doc.get("controls").forEach(c -> {
            assertEquals("NOT_WAIVED", c.get("outcome").asText(), c.toString());
            assertTrue(c.get("summary").asText().contains(PREPRODUCTION), c.toString());
        });
    }

    @Test
    void aReviewWithoutAnEnvironmentIsNotTakenForProduction() throws IOException {
        CliRun r = CliRun.run(concat(new String[] {"wafr", "show", "--format", "json"}, review(workload(null))));
        assertEquals(0, r.exit(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("the review's workload environment is not recorded (no Environment field), so it cannot be known to "
                + "be PRODUCTION; the checklist accepts production customer examples only", doc.at("/review/reviewReasons/0").asText());
        assertEquals(0, doc.at("/review/waivedControls").size());
    }

    @Test
    void aTemplateScanWithAPreproductionReviewShowsWhyInEveryReport() throws IOException {
        Path t = dir.resolve("app.template.json");
        Files.writeString(t, TemplateCommandTest.BUCKETS);
        Path out = dir.resolve("report");
        CliRun r = CliRun.run(TestRules.s3Only(), concat(new String[] {"template", t.toString(), "--out", out.toString(),
            "--format", "json,html,evidence", "--fail-on", "none", "--wafr-account", "111122223333"},
                review(workload("PREPRODUCTION"))));
        assertEquals(0, r.exit(), r.toString());
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(PREPRODUCTION, results.at("/wafr/review/reviewReasons/0").asText(), results.get("wafr").toString());
        assertEquals("PREPRODUCTION", results.at("/wafr/review/environment").asText());
        for (JsonNode c : results.get("controls")) {
            assertFalse("WAIVED".equals(c.get("status").asText()), c.toString());
            assertEquals(PREPRODUCTION, c.at("/waiver/reviewReasons/0").asText(), c.toString());
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("does not count: " + PREPRODUCTION.replace("'", "&#39;")), "HTML report header");
        try (ZipFile zip = new ZipFile(out.resolve("evidence.zip").toFile())) {
            String review = new String(zip.getInputStream(zip.getEntry("evidence/wafr/review.json")).readAllBytes());
            assertTrue(review.contains(PREPRODUCTION), review);
            String control = new String(zip.getInputStream(zip.getEntry("evidence/REL-002/control.json")).readAllBytes());
            assertTrue(control.contains(PREPRODUCTION), control);
        }
    }

    @Test
    void aLegacyLensReviewWaivesThroughTheOldQuestionAndChoiceIds() throws IOException {
        String[] files = {"--wafr-file", workload("PRODUCTION").toString(),
            "--wafr-file", write("lens-review.json", resource("legacy-2020/get-lens-review.wire.json")).toString(),
            "--wafr-file", write("answers.json", resource("legacy-2020/list-answers.wire.json")).toString(),
            "--wafr-max-age", "100000", "--wafr-account", "111122223333"};
        CliRun json = CliRun.run(concat(new String[] {"wafr", "show", "--format", "json"}, files));
        assertEquals(0, json.exit(), json.toString());
        JsonNode doc = JSON.readTree(json.out());
        assertTrue(doc.at("/review/counts").asBoolean(), doc.get("review").toString());
        assertEquals("[\"OPE-001\",\"OPE-002\"]", doc.at("/review/waivedControls").toString());
        JsonNode ope1 = doc.at("/controls/OPE-001");
        assertEquals("WAIVED", ope1.get("outcome").asText(), ope1.toString());
        assertEquals(true, ope1.get("legacy").asBoolean());
        assertEquals("2020-07-02", ope1.get("lensVersion").asText());
        JsonNode observability = ope1.at("/questions/0");
        assertEquals("telemetry", observability.get("answeredAs").asText());
        assertEquals("[\"workload-health\"]", observability.get("alsoAnsweredAs").toString());
        assertEquals("[\"ops_workload_health_define_workload_kpis\",\"ops_telemetry_application_telemetry\"]",
                observability.get("selectedRequiredChoices").toString());
        assertEquals("workload-health", ope1.at("/questions/1/answeredAs").asText());

        CliRun text = CliRun.run(concat(new String[] {"wafr", "show"}, files));
        assertTrue(text.out().contains("OPE-001  WOULD BE WAIVED"), text.out());
        assertTrue(text.out().contains("OPS04 observability (as telemetry and workload-health): counts"), text.out());
        assertTrue(text.out().contains("legacy-approximate for ops_observability_identify_kpis, answered under workload-health"),
                text.out());
    }
}
