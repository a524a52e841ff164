package dev.cxscan.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report of a sample scan in a real headless Chromium, driven over the DevTools protocol so that
 * the test sees every request the page starts (not just the blocked ones), every console message, exception and
 * browser log entry (CSP violations are logged as errors). Fails on any request other than the page itself and
 * data: URLs, and on any console error or warning. Checks that the summary and every control section are
 * visible, that the filters and sorting work, that the page is complete with script disabled, and that it prints
 * to PDF. The screenshot and PDF are kept under target/browser/ for a human to look at.
 *
 * <p>Why DevTools and not {@code --dump-dom}: a dumped DOM cannot show a request that was made (only the
 * Content-Security-Policy could prevent it, and the test would then trust the page it is testing) nor whether an
 * element is visible; the protocol reports both directly. Skipped when Chromium is absent (Debian's
 * {@code chromium} package; .ci/run installs it).
 */
class HtmlReportBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void rendersOfflineWithoutErrorsAndEveryControlVisible() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(),
                "SKIPPED: headless Chromium not found at " + HeadlessChromium.BINARY
                        + " (apt-get install -y chromium, or set CXSCAN_CHROMIUM)");
        ScanResult result = SampleScan.create(tmp.resolve("input"));
        Path out = Files.createDirectories(tmp.resolve("report"));
        Path page = new HtmlReportWriter().write(result, out);
        String url = page.toUri().toString();
        Path keep = Files.createDirectories(Path.of("target", "browser"));

        try (HeadlessChromium browser = new HeadlessChromium()) {
            browser.openPage(1280, 900);
            browser.navigate(url);

            List<String> requests = browser.requestedUrls();
            assertTrue(requests.contains(url), "the page itself was loaded: " + requests);
            List<String> foreign = requests.stream().filter(r -> !r.equals(url) && !r.startsWith("data:")).toList();
            assertEquals(List.of(), foreign, "requests left the page");

            JsonNode state = browser.eval("""
                    (() => {
                      const visible = el => !!el && el.getBoundingClientRect().height > 0
                          && getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none';
                      const sections = [...document.querySelectorAll('section.control')];
                      return {
                        title: document.title,
                        summary: visible(document.getElementById('summary')) && visible(document.getElementById('chart-controls')),
                        scanInfo: document.getElementById('scan-info').innerText,
                        sections: sections.filter(visible).map(s => s.id),
                        statuses: sections.map(s => s.id + '=' + s.dataset.status),
                        filters: visible(document.getElementById('filters')),
                        rows: document.querySelectorAll('#findings tbody tr').length,
                        scripts: document.querySelectorAll('script:not([src])').length,
                        injected: document.querySelectorAll('#findings img, #findings script, section.control img').length
                      };
                    })()""");
            assertTrue(state.get("summary").asBoolean(), "summary and chart visible");
            assertTrue(state.get("scanInfo").asText().contains("123456789012"), state.get("scanInfo").asText());
            List<String> expected = ControlCatalog.bundled().controls().stream().map(c -> "control-" + c.id()).toList();
            assertEquals(expected, json(state.get("sections")), "every control section visible, in checklist order");
            assertTrue(json(state.get("statuses")).containsAll(List.of("control-NETSEC-001=FAIL", "control-OPE-002=ATTESTED",
                    "control-REL-001=WAIVED", "control-ACCT-002=FAIL", "control-REL-002=INCOMPLETE", "control-OPE-003=MANUAL")), state.get("statuses").toString());
            assertTrue(state.get("filters").asBoolean(), "the script showed the filters");
            assertEquals(result.findings().size(), state.get("rows").asInt());
            assertEquals(0, state.get("injected").asInt(), "markup in resource ids and messages stayed text");

            // Filters: status, control, free text; sorting by severity
            long fails = result.findings().stream().filter(f -> f.status() == Status.FAIL).count();
            assertEquals(fails, browser.eval(select("f-status", "FAIL") + visibleRows()).asLong());
            long netsecFails = result.findings().stream().filter(f -> f.status() == Status.FAIL && f.controls().contains("NETSEC-002")).count();
            assertEquals(netsecFails, browser.eval(select("f-control", "NETSEC-002") + visibleRows()).asLong());
            browser.eval(select("f-status", "") + select("f-control", ""));
            assertEquals(countSgFindings(result), browser.eval(text("websg12ab34cd") + visibleRows()).asLong(), "free text, any case");
            browser.eval(text(""));
            JsonNode sorted = browser.eval("""
                    (() => { const th = document.querySelector('#findings th[data-key=severity]'); th.click();
                      return [...document.querySelectorAll('#findings tbody tr')].map(r => Number(r.dataset.severityRank)); })()""");
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(sorted.get(i - 1).asInt() <= sorted.get(i).asInt(), "sorted by severity: " + sorted);
            }

            Files.write(keep.resolve("report-top.png"), browser.screenshot(false));
            Files.write(keep.resolve("report-full.png"), browser.screenshot(true));
            for (String id : List.of("control-NETSEC-002", "control-OPE-002", "control-REL-001", "all-findings")) {
                Files.write(keep.resolve(id + ".png"), browser.screenshot("#" + id));
            }
            byte[] pdf = browser.printToPdf();
            assertTrue(pdf.length > 10_000 && new String(pdf, 0, 5).equals("%PDF-"), "prints to PDF");
            Files.write(keep.resolve("report.pdf"), pdf);

            assertEquals(List.of(), browser.problems(), "console errors, exceptions or log errors");

            // Without script: the whole table is there, no dead controls
            browser.send("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            browser.navigate(url);
            browser.send("Emulation.setScriptExecutionDisabled", Map.of("value", false));
            JsonNode noJs = browser.eval("""
                    ({ rows: [...document.querySelectorAll('#findings tbody tr')].filter(r => !r.hidden).length,
                       filtersHidden: document.getElementById('filters').hidden })""");
            assertEquals(result.findings().size(), noJs.get("rows").asInt());
            assertTrue(noJs.get("filtersHidden").asBoolean(), "filters stay hidden when they cannot work");
            assertEquals(List.of(), browser.requestedUrls().stream().filter(r -> !r.equals(url) && !r.startsWith("data:")).toList());
            assertEquals(List.of(), browser.problems());
        }
        assertFalse(Files.size(keep.resolve("report-full.png")) < 20_000, "screenshot has content");
    }

    private static long countSgFindings(ScanResult r) {
        return r.findings().stream().map(Finding::resource).filter(x -> x != null && "WebSg12AB34CD".equals(x.id())).count();
    }

    private static String select(String id, String value) {
        return "(() => { const e = document.getElementById('" + id + "'); e.value = '" + value
                + "'; e.dispatchEvent(new Event('change')); })();";
    }

    private static String text(String value) {
        return "(() => { const e = document.getElementById('f-text'); e.value = '" + value
                + "'; e.dispatchEvent(new Event('input')); })();";
    }

    private static String visibleRows() {
        return "[...document.querySelectorAll('#findings tbody tr')].filter(r => !r.hidden).length";
    }

    private static List<String> json(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
