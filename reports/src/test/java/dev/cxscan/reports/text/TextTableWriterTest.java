package dev.cxscan.reports.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTableWriterTest {
    private static final Check CHECK = Check.of("s3_bucket_encrypted", "Encrypted", Severity.MEDIUM, "NETSEC-002", "Encrypt.");

    private static String render(boolean color, boolean onlyFailures, List<Finding> findings) {
        StringWriter sw = new StringWriter();
        ScanResult r = ScanResult.of(ScanInfo.forTemplates(Instant.EPOCH, Instant.EPOCH, List.of("t.json")), findings, List.of(CHECK));
        new TextTableWriter(new PrintWriter(sw), color, onlyFailures).write(r, null);
        return sw.toString();
    }

    private static Finding finding(Status status, String id, int line) {
        return Finding.of(CHECK, status, ResourceRef.template("AWS::S3::Bucket", id, "t.json", line, null), id + " message");
    }

    @Test
    void failuresComeFirstWithTheirMessage() {
        String out = render(false, false, List.of(finding(Status.PASS, "Good", 3), finding(Status.FAIL, "Bad", 9)));
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("STATUS"), out);
        assertTrue(lines.get(1).startsWith("FAIL") && lines.get(1).endsWith("t.json:9 Bad"), out);
        assertTrue(lines.get(2).contains("Bad message"), out);
        assertTrue(lines.get(3).startsWith("PASS") && lines.get(3).endsWith("t.json:3 Good"), out);
        assertFalse(out.contains("Good message"), "PASS rows carry no message line");
        assertFalse(out.contains("\u001b["));
    }

    @Test
    void colorOnlyWhenAsked() {
        assertTrue(render(true, false, List.of(finding(Status.FAIL, "Bad", 9))).contains("\u001b[31mFAIL"));
    }

    @Test
    void onlyFailuresHidesOtherRowsButNotTheTotals() {
        String out = render(false, true, List.of(finding(Status.PASS, "Good", 3), finding(Status.SUPPRESSED, "Old", 5)));
        assertTrue(out.startsWith("No FAIL or ERROR findings."), out);
        assertTrue(out.contains("2 findings (1 PASS, 1 SUPPRESSED)"), out);
    }

    @Test
    void aLiveResourceShowsItsNameUnlessTheArnEndsWithIt() {
        ResourceRef sg = ResourceRef.live("AWS::EC2::SecurityGroup", "sg-74ddfd12d7edfabeb",
                "arn:aws:ec2:us-east-1:123456789012:security-group/sg-74ddfd12d7edfabeb", "us-east-1")
                .named("web-sg", Map.of("Name", "web-sg"));
        ResourceRef bucket = ResourceRef.live("AWS::S3::Bucket", "acme-logs", "arn:aws:s3:::acme-logs", "us-east-1")
                .named("acme-logs", Map.of());
        ResourceRef taggedBucket = ResourceRef.live("AWS::S3::Bucket", "acme-logs", "arn:aws:s3:::acme-logs", "us-east-1")
                .named("Audit logs", Map.of("Name", "Audit logs"));
        String out = render(false, false, List.of(Finding.of(CHECK, Status.FAIL, sg, "open"),
                Finding.of(CHECK, Status.FAIL, bucket, "open"), Finding.of(CHECK, Status.FAIL, taggedBucket, "open")));
        assertTrue(out.contains("security-group/sg-74ddfd12d7edfabeb (web-sg)\n"), out);
        assertTrue(out.contains("arn:aws:s3:::acme-logs\n"), "no (acme-logs) after an ARN ending with it: " + out);
        assertTrue(out.contains("arn:aws:s3:::acme-logs (Audit logs)\n"), out);
    }

    @Test
    void aLongNameIsCutSoTheRowStaysReadable() {
        ResourceRef r = ResourceRef.template("AWS::EC2::SecurityGroup", "WebSg", "t.json", 4, null)
                .named("x".repeat(100), Map.of());
        assertEquals("t.json:4 WebSg (" + "x".repeat(39) + "\u2026)", TextTableWriter.resource(r));
    }
}
