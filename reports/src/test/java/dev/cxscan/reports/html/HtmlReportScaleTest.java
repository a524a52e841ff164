package dev.cxscan.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a large account stays small enough to open: every FAIL, ERROR and SUPPRESSED finding is listed,
 * passing findings past {@link HtmlReportWriter#PASSING_ROWS_LISTED} are counted per check, and the page says so.
 */
class HtmlReportScaleTest {
    private static final Pattern ROW = Pattern.compile("<tr data-status=\"([A-Z_]+)\"");

    @TempDir
    Path tmp;

    @Test
    void twentyFiveThousandFindingsWriteAPageUnderFiveMegabytes() throws Exception {
        ScanResult result = LargeScan.of(25_000);
        Path page = new HtmlReportWriter().write(result, tmp);
        long bytes = Files.size(page);
        System.out.println("index.html of 25,000 findings: " + bytes + " bytes");
        assertTrue(bytes < 5_000_000, bytes + " bytes");

        String html = Files.readString(page);
        assertEquals(count(result, Status.FAIL), rows(html, "FAIL"), "every FAIL listed");
        assertEquals(count(result, Status.ERROR), rows(html, "ERROR"), "every ERROR listed");
        assertEquals(count(result, Status.SUPPRESSED), rows(html, "SUPPRESSED"), "every SUPPRESSED listed");
        assertEquals(0, rows(html, "PASS") + rows(html, "NOT_APPLICABLE"), "passing findings are counted, not listed");
        long passing = count(result, Status.PASS) + count(result, Status.NOT_APPLICABLE);
        assertTrue(html.contains("This scan has " + passing + " passing findings"), "the page says how many it summarises");
        assertTrue(html.contains("is in results.json"), "and where the full list is");
        // the per-check counts add up to the passing findings
        Matcher m = Pattern.compile("<tr><td><code>[a-z0-9_]+</code></td><td>[A-Z0-9 -]+</td><td class=\"num\">(\\d+)</td>"
                + "<td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td></tr>").matcher(html);
        long counted = 0;
        while (m.find()) {
            counted += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
        }
        assertEquals(passing, counted, "per-check counts");
    }

    @Test
    void passingFindingsAreListedUpToTheLimitAndCountedAboveIt() {
        HtmlReportWriter writer = new HtmlReportWriter();
        ScanResult small = withPassing(HtmlReportWriter.PASSING_ROWS_LISTED);
        String listed = writer.render(small);
        assertEquals(small.findings().size(), allRows(listed), "at the limit the table is complete");
        assertTrue(listed.contains("All findings (" + small.findings().size() + ")"));
        assertFalse(listed.contains("id=\"findings-summarised\""));

        ScanResult big = withPassing(HtmlReportWriter.PASSING_ROWS_LISTED + 1);
        String summarised = writer.render(big);
        long notPassing = big.findings().stream().filter(f -> !HtmlReportWriter.passing(f)).count();
        assertEquals(notPassing, allRows(summarised), "one passing finding over the limit: only the others are listed");
        assertTrue(summarised.contains("Findings: " + notPassing + " not passing listed, "
                + (HtmlReportWriter.PASSING_ROWS_LISTED + 1) + " passing counted per check"), "the heading says so");
    }

    /** Exactly {@code passing} PASS/NOT_APPLICABLE findings (the large scan cut to size, its failures kept). */
    private static ScanResult withPassing(int passing) {
        ScanResult all = LargeScan.of(passing * 2);
        java.util.List<Finding> kept = new java.util.ArrayList<>();
        int p = 0;
        for (Finding f : all.findings()) {
            if (!HtmlReportWriter.passing(f)) {
                kept.add(f);
            } else if (p < passing) {
                kept.add(f);
                p++;
            }
        }
        return ScanResult.of(all.scan(), kept, all.checks());
    }

    private static long count(ScanResult r, Status s) {
        return r.findings().stream().filter(f -> f.status() == s).count();
    }

    private static long rows(String html, String status) {
        return ROW.matcher(html).results().filter(r -> r.group(1).equals(status)).count();
    }

    private static long allRows(String html) {
        return ROW.matcher(html).results().count();
    }
}
