package dev.cxscan.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML as text: self-contained, escaped, complete. The browser test checks it rendered. */
class HtmlReportWriterTest {
    @TempDir
    Path tmp;

    @Test
    void selfContainedWithAStrictContentSecurityPolicy() throws Exception {
        String html = new HtmlReportWriter().render(SampleScan.create(tmp));
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"), "CSP first in head");
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"));
        // no attribute that would load anything: src, srcset, link href, @import, url(...)
        assertFalse(Pattern.compile("(?i)\\s(src|srcset|poster|data)\\s*=").matcher(html).find(), "no src attributes");
        assertFalse(Pattern.compile("(?i)<link|@import|url\\(").matcher(html).find(), "no stylesheet or font loads");
        // the only absolute links are the user's evidence URLs, and they are plain anchors
        Matcher m = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(html);
        while (m.find()) {
            assertTrue(m.group(1).startsWith("https://wiki.example.com/") || m.group(1).startsWith("https://calculator.aws/"), m.group(1));
        }
    }

    @Test
    void escapesEverythingThatComesFromTemplatesOrUsers() throws Exception {
        String html = new HtmlReportWriter().render(SampleScan.create(tmp));
        assertFalse(html.contains(SampleScan.HOSTILE_ID));
        assertFalse(html.contains("<script>alert"));
        assertTrue(html.contains("Role&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"), "shown as text");
        assertFalse(html.contains("\u0000") || html.contains("\u0007"), "control characters replaced");
        assertEquals(1, html.split("<script>", -1).length - 1, "only the report's own script");
    }

    @Test
    void templateNeverBypassesTheEscaper() throws Exception {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream("report.mustache")) {
            String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(t.contains("{{{") || t.contains("{{&"), "no unescaped mustache");
        }
    }

    @Test
    void quotesEveryControlWithItsEvidenceAndShowsFailingResourcesWithRemediation() throws Exception {
        ScanResult r = SampleScan.create(tmp);
        String html = new HtmlReportWriter().render(r);
        for (var c : ControlCatalog.bundled().controls()) {
            assertTrue(html.contains("id=\"control-" + c.id() + "\""), c.id());
            for (String e : c.evidence()) {
                assertTrue(html.contains(HtmlReportWriter.escape(e)), c.id() + " evidence quoted: " + e);
            }
            for (String m : c.manualEvidence()) {
                assertTrue(html.contains(HtmlReportWriter.escape(m)), c.id() + " manual item: " + m);
            }
        }
        String netsec1 = section(html, "NETSEC-001");
        assertTrue(netsec1.contains("Failing findings (1 FAIL) on 1 resource<") && netsec1.contains("WebSg12AB34CD"), netsec1);
        assertTrue(netsec1.indexOf("Failing findings (") < netsec1.indexOf("Checks evaluated"), "failing first");
        assertTrue(netsec1.contains("Remediation:</strong> Remove the 0.0.0.0/0 ingress on 22/3389"));
        String rel1 = section(html, "REL-001");
        assertTrue(rel1.contains("Control waiver") && rel1.contains("wafr") && rel1.contains("REL 8, OPS 5"), "waiver provenance");
        String netsec2 = section(html, "NETSEC-002");
        assertTrue(netsec2.contains("security review SR-118") && netsec2.contains("cxscan.suppressions"), "suppression provenance");
        String ope2 = section(html, "OPE-002");
        assertTrue(ope2.contains("badge attested\">ATTESTED") && ope2.contains("not verified by cxscan")
                && ope2.contains("evidence/OPE-002/attachments/1-runbook.md"));
        String rel2 = section(html, "REL-002");
        assertTrue(rel2.contains("Documents to attach") && rel2.contains("badge manual\">MANUAL"));
        for (String s : List.of("123456789012", "CxscanReadOnly", "us-east-1, eu-west-1", "cdk.out/GenAiStack.template.json",
                "2025-06-02 09:15:00 UTC", "cxscan 0.1.0")) {
            assertTrue(html.substring(0, html.indexOf("id=\"summary\"")).contains(s), "header shows " + s);
        }
    }

    private static String section(String html, String id) {
        int start = html.indexOf("id=\"control-" + id + "\"");
        return html.substring(start, html.indexOf("</section>", start));
    }
}
