package dev.cxscan.scanner.wafr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.wafr.WafrReview;
import dev.cxscan.reports.wafr.WafrRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reviews from the files users hold: AWS CLI output, one combined object, the awslabs export, a PDF. */
class WafrFileImporterTest {
    static final Instant NOW = Instant.parse("2026-01-15T00:00:00Z");
    static final WafrRules.Context CTX = new WafrRules.Context("111122223333", "scanned account", NOW, 365);

    @TempDir
    Path dir;

    Path write(String name, JsonNode node) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, node.toPrettyString());
        return p;
    }

    /** get-lens-review as the CLI prints it: ISO timestamps. */
    static ObjectNode lensReviewCli() {
        ObjectNode lens = WaToolStub.sample("get-lens-review.wire.json");
        ((ObjectNode) lens.get("LensReview")).put("UpdatedAt", "2025-11-03T14:20:02.901000+00:00");
        return lens;
    }

    WafrReview read(Path... files) {
        return new WafrFileImporter("wellarchitected").read(List.of(files)).review();
    }

    @Test
    void readsTheThreeCliOutputsWithIsoTimestampsAndHashesEachFile() throws IOException {
        Path workload = write("workload.json", WaToolStub.sample("get-workload.cli.json"));
        Path lens = write("lens-review.json", lensReviewCli());
        Path answers = write("answers.json", WaToolStub.sample("list-answers.cli.json"));
        WafrReview review = read(workload, lens, answers);
        assertEquals(Instant.parse("2025-11-03T14:22:51.318Z"), review.workload().updatedAt());
        assertEquals(Instant.parse("2025-11-03T14:20:02.901Z"), review.reviewDate().orElseThrow());
        assertEquals(3, review.answers().size());
        assertEquals(List.of("get-workload", "get-lens-review", "list-answers"),
                review.source().files().stream().map(WafrReview.SourceFile::format).toList());
        assertEquals(WafrFileImporter.sha256(Files.readAllBytes(answers)), review.source().files().get(2).sha256());
        assertEquals(64, review.source().files().get(0).sha256().length());

        var d = WafrRules.decide(ControlCatalog.bundled(), review, CTX, List.of());
        assertEquals(List.of("OPE-002"), d.stream().filter(WafrRules.Decision::waived).map(WafrRules.Decision::controlId).toList());
        @SuppressWarnings("unchecked")
        var files = (List<java.util.Map<String, Object>>) d.get(3).record().get("files");
        assertEquals(answers.toString(), files.get(2).get("path"));
    }

    @Test
    void readsOneObjectHoldingAllThreeSideBySideOrUnderKeys() throws IOException {
        ObjectNode side = WaToolStub.JSON.createObjectNode();
        side.setAll(WaToolStub.sample("get-workload.wire.json"));
        side.setAll(lensReviewCli());
        side.setAll(WafrFixtures.fullListAnswers());
        WafrReview a = read(write("all.json", side));
        assertEquals(11, WafrRules.decide(ControlCatalog.bundled(), a, CTX, List.of()).stream()
                .filter(WafrRules.Decision::waived).count(), "every control is waived");

        ObjectNode keyed = WaToolStub.JSON.createObjectNode();
        keyed.set("workload", WaToolStub.sample("get-workload.cli.json"));
        keyed.set("lensReview", lensReviewCli());
        keyed.set("answers", WafrFixtures.fullListAnswers());
        WafrReview b = read(write("keyed.json", keyed));
        assertTrue(WafrRules.decide(ControlCatalog.bundled(), b, CTX, List.of()).stream().allMatch(WafrRules.Decision::waived));
        assertEquals("get-workload, get-lens-review, list-answers", b.source().files().get(0).format());
    }

    @Test
    void readsTheExportImportWafrLabFormat() throws IOException {
        WafrReview r = read(write("export.json", WaToolStub.sample("export-import-wafr.lab-format.json")));
        assertEquals("genai-claims-assistant-prod", r.workload().name());
        assertEquals(Instant.parse("2025-11-03T14:20:02.901Z"), r.lens().updatedAt(), "python str(datetime) is parsed");
        assertEquals("2025-02-25", r.lens().version());
        assertTrue(r.answers().get(0).notes() != null, "the export's answers come from GetAnswer, with notes");
        assertEquals("exportImportWAFR.py export", r.source().files().get(0).format());

        WafrFileImporter.WafrInputException e = assertThrows(WafrFileImporter.WafrInputException.class,
                () -> new WafrFileImporter("genai").read(List.of(dir.resolve("export.json"))));
        assertTrue(e.getMessage().contains("holds no answers for lens genai (lenses in the file: wellarchitected"), e.getMessage());
    }

    @Test
    void epochTimestampsAsNumbersOrStringsAndAMilestoneFile() throws IOException {
        ObjectNode w = WaToolStub.sample("get-workload.wire.json");
        ((ObjectNode) w.get("Workload")).put("UpdatedAt", "1762179771.318");
        WafrReview r = read(write("m.json", WaToolStub.sample("get-milestone.wire.json")),
                write("l.json", WaToolStub.sample("get-lens-review.wire.json")),
                write("a.json", WaToolStub.sample("list-answers.not-applicable.wire.json")));
        assertEquals(3, r.milestone().number());
        assertEquals(Instant.parse("2025-11-03T15:02:10.044Z"), r.reviewDate().orElseThrow());
        var cost = WafrRules.decide(ControlCatalog.bundled(), r, CTX, List.of()).stream()
                .filter(d -> d.controlId().equals("COST-001")).findFirst().orElseThrow();
        assertTrue(cost.summary().contains("COST06 type-size-number-resources: marked not applicable (OUT_OF_SCOPE)"), cost.summary());
        assertEquals(Instant.parse("2025-11-03T14:22:51.318Z"), read(write("w.json", w)).workload().updatedAt());
    }

    @Test
    void aPdfIsAnAttachmentOnly() throws IOException {
        String b64 = WaToolStub.sample("get-lens-review-report.wire.json").get("LensReviewReport").get("Base64String").asText();
        Path pdf = dir.resolve("WAReviewOutput.pdf");
        Files.write(pdf, Base64.getDecoder().decode(b64));
        WafrFileImporter.Result r = new WafrFileImporter("wellarchitected").read(List.of(pdf));
        assertNull(r.review());
        assertEquals(1, r.attachments().size());
        assertEquals("WAReviewOutput.pdf", r.attachments().get(0).name());
        assertTrue(r.attachments().get(0).note().contains("waives nothing"));
        assertTrue(r.notes().get(0).contains("not the choice ids"), r.notes().toString());
    }

    @Test
    void filesOfDifferentWorkloadsOrWithoutReviewDataAreInputErrors() throws IOException {
        ObjectNode other = WaToolStub.sample("list-answers.cli.json");
        other.put("WorkloadId", "0123456789abcdef0123456789abcdef");
        WafrFileImporter.WafrInputException e = assertThrows(WafrFileImporter.WafrInputException.class,
                () -> read(write("w.json", WaToolStub.sample("get-workload.cli.json")), write("o.json", other)));
        assertTrue(e.getMessage().contains("is about workload 0123456789abcdef0123456789abcdef"), e.getMessage());

        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"Stacks\": []}");
        assertTrue(assertThrows(WafrFileImporter.WafrInputException.class, () -> read(junk)).getMessage()
                .contains("holds no Well-Architected review data"));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "reviewed, all good");
        assertTrue(assertThrows(WafrFileImporter.WafrInputException.class, () -> read(text)).getMessage()
                .contains("neither JSON nor a PDF"));
    }
}
