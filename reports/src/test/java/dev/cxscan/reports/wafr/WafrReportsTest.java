package dev.cxscan.reports.wafr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import dev.cxscan.reports.csv.CsvWriter;
import dev.cxscan.reports.evidence.EvidenceBundleWriter;
import dev.cxscan.reports.html.HtmlReportWriter;
import dev.cxscan.reports.json.JsonReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waiver record and the review's attachments reach the HTML report, the CSV and the evidence bundle. */
class WafrReportsTest {
    @TempDir
    Path dir;

    ScanResult scan() throws Exception {
        Path pdf = dir.resolve("WAReviewOutput.pdf");
        Files.writeString(pdf, "%PDF-1.4\n% stub\n");
        List<Finding> findings = List.of(
                WafrRulesTest.finding(WafrRulesTest.S3_ENC, Status.FAIL, "DocsBucket9D3E1F0A"),
                WafrRulesTest.finding(WafrRulesTest.BACKUP, Status.PASS, "Plan"));
        ScanResult base = ScanResult.of(ScanInfo.forTemplates(WafrRulesTest.NOW, WafrRulesTest.NOW, List.of("app.template.json")),
                findings, List.<Check>of(WafrRulesTest.S3_ENC, WafrRulesTest.BACKUP));
        return WafrRules.apply(base, WafrRulesTest.review(a -> a), WafrRulesTest.CTX, List.of(new WafrImport.Attachment(
                "WAReviewOutput.pdf", pdf.toString(), "0a1b2c", Files.size(pdf), "kept as evidence only; waives nothing", pdf)));
    }

    @Test
    void htmlShowsTheWaiverTheConflictAndTheAttachment() throws Exception {
        Path out = Files.createDirectories(dir.resolve("html"));
        String html = Files.readString(new HtmlReportWriter().write(scan(), out));
        assertTrue(html.contains("Control waiver"), "waived controls show their waiver");
        assertTrue(html.contains("Well-Architected review (not waived)"), "refused controls say so");
        assertTrue(html.contains("the review answers SEC08 protect-data-rest and SEC09 protect-data-transit with risk NONE, but 1 finding FAIL"),
                "the conflict is shown");
        assertTrue(html.contains("planning-for-recovery"), "questions are listed");
        assertTrue(html.contains("rel_planning_for_recovery_dr_tested"), "selected required choices are listed");
        assertTrue(html.contains("WAReviewOutput.pdf (sha256 0a1b2c): kept as evidence only; waives nothing"), "the attachment is listed");
    }

    @Test
    void evidenceBundleHoldsTheRecordsAndTheAttachment() throws Exception {
        Path out = Files.createDirectories(dir.resolve("ev"));
        new EvidenceBundleWriter().write(scan(), out);
        Path root = out.resolve("evidence");
        JsonNode control = JsonReportWriter.mapper().readTree(root.resolve("REL-002/control.json").toFile());
        assertEquals("WAIVED", control.get("status").asText());
        assertEquals("WAIVED", control.get("waiver").get("outcome").asText());
        assertEquals("ab12cd", control.get("waiver").get("files").get(0).get("sha256").asText());
        JsonNode netsec = JsonReportWriter.mapper().readTree(root.resolve("NETSEC-002/control.json").toFile());
        assertTrue(netsec.get("waiver").get("conflict").asText().contains("s3_bucket_encrypted"));
        JsonNode review = JsonReportWriter.mapper().readTree(root.resolve("wafr/review.json").toFile());
        assertTrue(review.get("review").get("waivedControls").toString().contains("REL-002"));
        assertTrue(Files.readString(root.resolve("wafr/attachments/1-WAReviewOutput.pdf")).startsWith("%PDF"));
        assertTrue(Files.readString(root.resolve("manifest.json")).contains("wafr/attachments/1-WAReviewOutput.pdf"));
    }

    @Test
    void aPreproductionReviewIsShownWithWhyItWaivesNothingInTheHtmlAndTheBundle() throws Exception {
        ScanResult base = ScanResult.of(ScanInfo.forTemplates(WafrRulesTest.NOW, WafrRulesTest.NOW, List.of("app.template.json")),
                List.of(WafrRulesTest.finding(WafrRulesTest.BACKUP, Status.PASS, "Plan")), List.<Check>of(WafrRulesTest.BACKUP));
        ScanResult result = WafrRules.apply(base, WafrRulesTest.withEnvironment(WafrRulesTest.review(a -> a), "PREPRODUCTION"),
                WafrRulesTest.CTX, List.of());
        assertTrue(result.controls().stream().noneMatch(c -> c.status() == dev.cxscan.reports.ControlStatus.WAIVED));

        String html = Files.readString(new HtmlReportWriter().write(result, Files.createDirectories(dir.resolve("html"))));
        String reason = WafrRulesTest.PREPRODUCTION_REASON.replace("'", "&#39;");
        assertTrue(html.contains("does not count: " + reason), "the review's line in the report header says why");
        assertTrue(html.indexOf(reason) != html.lastIndexOf(reason), "and so does each control's waiver record");
        assertTrue(html.contains("Well-Architected review (not waived)"));

        Path out = Files.createDirectories(dir.resolve("ev"));
        new EvidenceBundleWriter().write(result, out);
        JsonNode review = JsonReportWriter.mapper().readTree(out.resolve("evidence/wafr/review.json").toFile());
        assertEquals(WafrRulesTest.PREPRODUCTION_REASON, review.at("/review/reviewReasons/0").asText());
        assertEquals("PREPRODUCTION", review.at("/review/environment").asText());
        JsonNode control = JsonReportWriter.mapper().readTree(out.resolve("evidence/REL-002/control.json").toFile());
        assertEquals("NOT_WAIVED", control.at("/waiver/outcome").asText());
        assertEquals(WafrRulesTest.PREPRODUCTION_REASON, control.at("/waiver/reviewReasons/0").asText());
    }

    @Test
    void csvCarriesTheSummary() throws Exception {
        Path out = Files.createDirectories(dir.resolve("csv"));
        new CsvWriter().write(scan(), out);
        String csv = Files.list(out).filter(p -> p.toString().endsWith(".csv")).map(p -> {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).reduce("", String::concat);
        assertTrue(csv.contains("WAIVED by Well-Architected review genai-claims-assistant-prod"), csv);
    }
}
