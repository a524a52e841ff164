package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the example CDK app (examples/cdk.out with examples/evidence.yaml, what the README shows)
 * in a real headless Chromium, driven from its command line: it fits a 1,280 px window without horizontal
 * scrolling, and prints to at most 15 A4 pages (it was 1,713 px wide and 47 Letter pages). Skipped when Chromium
 * is absent (CXSCAN_CHROMIUM names another binary), like the reports module's browser tests.
 */
class ExampleReportPageTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CXSCAN_CHROMIUM", "/usr/bin/chromium"));
    /** A page object of the PDF page tree (not the /Pages nodes above them). */
    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");
    private static final Pattern A4 = Pattern.compile("/MediaBox\\s*\\[0 0 (\\d+)(?:\\.\\d+)? (\\d+)(?:\\.\\d+)?\\]");

    @TempDir
    Path dir;
    Path page;

    @BeforeEach
    void scanTheExample() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "SKIPPED: headless Chromium not found at " + CHROMIUM);
        Path out = dir.resolve("report");
        CliRun r = CliRun.run("template", Path.of("..", "examples", "cdk.out").toString(), "--out", out.toString(),
                "--format", "html", "--evidence", Path.of("..", "examples", "evidence.yaml").toString(), "--fail-on", "none", "-q");
        assertEquals(0, r.exit(), r.toString());
        page = out.resolve("index.html");
    }

    @Test
    void printsToAtMostFifteenA4Pages() throws Exception {
        Path pdf = dir.resolve("report.pdf");
        chromium("--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString());
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        long pages = PAGE.matcher(text).results().count();
        System.out.println("example report: " + pages + " A4 pages");
        assertTrue(pages >= 3, "the report printed: " + pages + " pages");
        assertTrue(pages <= 15, pages + " A4 pages");
        Matcher box = A4.matcher(text);
        assertTrue(box.find(), "a page size");
        // 595 x 842 pt: the stylesheet's @page size, not the browser's Letter default
        assertEquals(List.of("594", "841"), List.of(box.group(1), box.group(2)));
    }

    @Test
    void fitsA1280PxWindowWithoutHorizontalScrolling() throws Exception {
        // the page writes its own width into the DOM; the CSP allows inline script, so the copy still loads as the report does
        Path probe = page.resolveSibling("width-probe.html");
        Files.writeString(probe, Files.readString(page).replace("</body>",
                "<script>document.body.setAttribute('data-scroll-width', document.documentElement.scrollWidth)</script></body>"));
        String dom = chromium("--window-size=1280,900", "--dump-dom", probe.toUri().toString());
        Matcher m = Pattern.compile("data-scroll-width=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), "the probe ran");
        int width = Integer.parseInt(m.group(1));
        System.out.println("example report at 1,280 px: scrollWidth " + width);
        assertTrue(width <= 1280, "scrollWidth " + width);
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium " + cmd);
        return Files.readString(stdout);
    }
}
