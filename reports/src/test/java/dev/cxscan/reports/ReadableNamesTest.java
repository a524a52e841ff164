package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people read in the human-facing reports: the account named "AWS account ID" (results.json keeps its type),
 * template paths relative to the working folder, and failing counts in the verdict's units.
 */
class ReadableNamesTest {
    private static final String ACCOUNT = "123456789012";
    private static final Check ROOT_MFA = SampleScan.check("root_mfa_enabled", "The root user has MFA", "Enable MFA on root.");
    private static final Check TRAIL = SampleScan.check("cloudtrail_log_file_validation", "CloudTrail log file validation is on",
            "Set enableFileValidation: true.");

    @TempDir
    Path tmp;

    private static ResourceRef account() {
        return ResourceRef.live(ResourceRef.ACCOUNT_TYPE, ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":root", "global");
    }

    private Path writeAll(ScanResult result) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        StringWriter stdout = new StringWriter();
        ReportWriters.Options options = new ReportWriters.Options(new PrintWriter(stdout), false, false);
        for (String format : ReportWriters.available()) {
            ReportWriters.create(format, options).orElseThrow().write(result, out);
        }
        Files.writeString(out.resolve("stdout.txt"), stdout.toString(), StandardCharsets.UTF_8);
        return out;
    }

    private static String read(Path out, String file) throws IOException {
        return Files.readString(out.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void theAccountIsNamedAwsAccountIdInEveryHumanFacingReport() throws IOException {
        ScanInfo scan = new ScanInfo(Instant.EPOCH, Instant.EPOCH, ACCOUNT, null, List.of("us-east-1"), List.of());
        ScanResult result = ScanResult.of(scan, List.of(Finding.of(ROOT_MFA, Status.FAIL, account(), "root has no MFA")),
                List.of(ROOT_MFA));
        Path out = writeAll(result);

        for (String file : List.of("stdout.txt", "index.html", "summary.md", "findings.csv", "junit.xml",
                "evidence/ACCT-001/index.html")) {
            String text = read(out, file);
            assertTrue(text.contains("AWS account " + ACCOUNT), file + ":\n" + text);
            assertFalse(text.contains("AWS::::Account"), file + " shows the raw type:\n" + text);
        }
        // the text table names the account instead of showing its root ARN
        String row = read(out, "stdout.txt").lines().filter(l -> l.contains("root_mfa_enabled")).findFirst().orElseThrow();
        assertTrue(row.contains("AWS account " + ACCOUNT) && !row.contains(":root"), row);
        // results.json keeps the contract: the type and the bare id
        String json = read(out, "results.json");
        assertTrue(json.contains("\"type\" : \"AWS::::Account\"") && json.contains("\"id\" : \"" + ACCOUNT + "\""), json);
    }

    @Test
    void anAbsoluteTemplatePathUnderTheWorkingFolderIsShownRelativeToIt() throws IOException {
        Path wd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        String absolute = wd.resolve("cdk.out").resolve("App.template.json").toString();
        ScanInfo scan = ScanInfo.forTemplates(Instant.EPOCH, Instant.EPOCH, List.of(absolute));
        ResourceRef bucket = ResourceRef.template("AWS::CloudTrail::Trail", "Trail1", absolute, 12, null);
        ScanResult result = ScanResult.of(scan, List.of(Finding.of(TRAIL, Status.FAIL, bucket, "validation off")), List.of(TRAIL));
        Path out = writeAll(result);

        for (String file : List.of("index.html", "evidence/index.html", "summary.md")) {
            String text = read(out, file);
            assertTrue(text.contains("cdk.out/App.template.json"), file);
            assertFalse(text.contains(absolute), file + " shows the absolute path:\n" + text);
        }
        assertTrue(read(out, "index.html").contains("<th scope=\"row\">Templates</th><td>cdk.out/App.template.json</td>"));
        assertTrue(read(out, "index.html").contains("cdk.out/App.template.json:12"), "the finding's location");
        // results.json: the template path as found from the path given on the command line
        String json = read(out, "results.json");
        assertTrue(json.contains("\"templates\" : [ \"" + absolute.replace("\\", "\\\\") + "\" ]"), json);
        assertTrue(json.contains("\"file\" : \"" + absolute.replace("\\", "\\\\") + "\""), json);
    }

    @Test
    void shownPathKeepsPathsOutsideTheWorkingFolderAndRelativeOnesAsGiven() {
        Path wd = Path.of("/home/alice/app");
        assertEquals("cdk.out/A.template.json", ShownPath.of("/home/alice/app/cdk.out/A.template.json", wd));
        assertEquals("/home/alice/other/A.template.json", ShownPath.of("/home/alice/other/A.template.json", wd));
        assertEquals("/home/alice/application/A.json", ShownPath.of("/home/alice/application/A.json", wd), "a sibling folder");
        assertEquals("../x/A.template.json", ShownPath.of("../x/A.template.json", wd));
        assertEquals("cdk.out/A.template.json", ShownPath.of("cdk.out/A.template.json", wd));
    }

    @Test
    void theFailingHeadingCountsFindingsInTheVerdictsUnits(@TempDir Path in) throws IOException {
        ScanResult result = SampleScan.withSecrets(in);
        String html = new dev.cxscan.reports.html.HtmlReportWriter().render(Redactor.scrub(result));
        Pattern heading = Pattern.compile("<h3>Failing findings \\(((\\d+) FAIL)?(, )?((\\d+) ERROR)?\\) on (\\d+) resources?</h3>");
        int sections = 0;
        for (ControlResult c : result.controls()) {
            int start = html.indexOf("id=\"control-" + c.id() + "\"");
            int end = html.indexOf("</section>", start);
            String section = html.substring(start, end);
            Matcher m = heading.matcher(section);
            if (!m.find()) {
                assertFalse(section.contains("Failing findings ("), c.id());
                continue;
            }
            sections++;
            int fails = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int errors = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            // the verdict beside it: "Fix N failing evaluation(s) (FAIL findings)", "Re-run M evaluation(s) ... (ERROR)"
            assertEquals(fails > 0, section.contains("Fix " + fails + " failing evaluation"), c.id() + ": " + m.group());
            assertEquals(errors > 0, section.contains("Re-run " + errors + " evaluation"), c.id() + ": " + m.group());
            long resources = result.findings().stream()
                    .filter(f -> f.controls().contains(c.id()) && (f.status() == Status.FAIL || f.status() == Status.ERROR))
                    .map(Finding::resource).distinct().count();
            assertEquals(resources, Long.parseLong(m.group(6)), c.id());
        }
        assertTrue(sections >= 3, "the sample fails several controls");
    }
}
