package dev.cxscan.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page fits a 1,280 px screen and an A4 sheet whatever the data: ids, ARNs and messages with no place to
 * break wrap inside their cells instead of widening the page (which pushed Message off-screen and cut columns
 * off the printed copy). Skipped without Chromium, like {@link HtmlReportBrowserTest}.
 */
class HtmlReportLayoutTest {
    /** 190 mm, the width of an A4 sheet inside the print stylesheet's 10 mm margins, in CSS px. */
    private static final int A4_CONTENT_PX = 718;

    @TempDir
    Path tmp;

    @Test
    void longIdsArnsAndMessagesStayWithin1280PxOnScreenAndA4InPrint() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(), "SKIPPED: headless Chromium not found at " + HeadlessChromium.BINARY);
        Path page = new HtmlReportWriter().write(LargeScan.longData(), Files.createDirectories(tmp.resolve("report")));
        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.openPage(1280, 900);
            browser.navigate(page.toUri().toString());
            JsonNode screen = widths(browser);
            assertTrue(screen.get("rows").asInt() > 0, "the long rows are in the table");
            assertTrue(screen.get("page").asInt() <= 1280, "page width at 1,280 px: " + screen);
            assertTrue(screen.get("table").asInt() <= 1280, "findings table within the window: " + screen);
            assertEquals(0, screen.get("overflowing").asInt(), "cells whose content overflows them: " + screen);

            browser.send("Emulation.setEmulatedMedia", Map.of("media", "print"));
            browser.send("Emulation.setDeviceMetricsOverride", Map.of("width", A4_CONTENT_PX, "height", 1000,
                    "deviceScaleFactor", 1, "mobile", false));
            JsonNode print = widths(browser);
            assertTrue(print.get("page").asInt() <= A4_CONTENT_PX, "printed page width on A4: " + print);
            assertEquals(0, print.get("overflowing").asInt(), "cells cut off in print: " + print);
        }
    }

    /** Document and findings-table widths, and how many table cells have content wider than the cell. */
    private static JsonNode widths(HeadlessChromium browser) throws Exception {
        return browser.eval("""
                (() => {
                  const table = document.getElementById('findings');
                  const cells = [...document.querySelectorAll('td, th')].filter(c => c.getClientRects().length > 0);
                  return {
                    page: document.documentElement.scrollWidth,
                    table: table.getBoundingClientRect().right,
                    rows: table.tBodies[0].rows.length,
                    overflowing: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length
                  };
                })()""");
    }
}
