package dev.cxscan.reports.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Check;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownWriterTest {
    @TempDir
    Path tmp;

    private static long tableRows(String md, String header) {
        String section = md.substring(md.indexOf(header));
        return section.lines().skip(2).takeWhile(l -> l.startsWith("| ")).count();
    }

    @Test
    void controlsTableAndTopFailuresWithEscapedCells() throws Exception {
        ScanResult r = SampleScan.create(tmp.resolve("in"));
        Path file = new MarkdownWriter().write(r, Files.createDirectories(tmp.resolve("out")));
        String md = Files.readString(file);
        assertEquals(ControlCatalog.bundled().controls().size(), tableRows(md, "| Control | Status"));
        assertTrue(md.contains("| NETSEC\\-001") || md.contains("| NETSEC-001"), md);
        assertTrue(md.contains("❌ FAIL") && md.contains("🖊️ ATTESTED") && md.contains("➖ WAIVED"), md);
        assertTrue(md.contains("### Top failures"));
        // every table line has exactly the table's cell separators: pipes inside text are escaped
        for (String line : md.lines().filter(l -> l.startsWith("| ")).toList()) {
            long unescaped = java.util.regex.Pattern.compile("(?<!\\\\)\\|").matcher(line).results().count();
            assertTrue(unescaped == 5 || unescaped == 6, "cell count broken by an unescaped pipe: " + line);
        }
        assertFalse(md.contains("<script>") || md.contains("<img"), "markup escaped");
        assertTrue(md.contains("&lt;script&gt;"));
        assertFalse(md.contains("more failing"), "4 failures + 1 error fit under the cap");
    }

    @Test
    void capsTheFailuresWithAMoreLineAndStaysShortForAPullRequestComment() {
        Check c = SampleScan.check("s3_bucket_encrypted", "S3 buckets have default encryption", "Encrypt.");
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(Finding.of(c, Status.FAIL, ResourceRef.template("AWS::S3::Bucket", "Bucket" + i, "t.json", i, null),
                    "no encryption " + "x".repeat(150)));
        }
        ScanResult r = ScanResult.of(ScanInfo.forTemplates(Instant.EPOCH, Instant.EPOCH, List.of("t.json")), many, List.of(c));
        String md = new MarkdownWriter().render(r);
        assertEquals(10, tableRows(md, "| Severity | Check"));
        assertTrue(md.contains("… and 2990 more failing or error findings (see the HTML report)."), md);
        assertTrue(md.length() < MarkdownWriter.MAX_CHARS);
        String wide = new MarkdownWriter(100_000).render(r);
        assertTrue(wide.length() <= MarkdownWriter.MAX_CHARS, "hard cap: " + wide.length());
        assertTrue(wide.contains("more failing or error findings"));
    }

    @Test
    void escapesMarkdownMetaCharacters() {
        assertEquals("a\\|b \\*c\\* \\[d\\](e) &lt;b&gt; x y", MarkdownWriter.esc("a|b *c* [d](e) <b> x\ny"));
    }
}
