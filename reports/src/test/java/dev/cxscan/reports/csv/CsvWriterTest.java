package dev.cxscan.reports.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path tmp;

    /** A strict RFC 4180 reader: fails on a quote inside an unquoted field or text after a closing quote. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    char next = i < text.length() ? text.charAt(i) : ',';
                    if (next != ',' && next != '\r') {
                        throw new IllegalArgumentException("text after closing quote at " + i);
                    }
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0) {
                    throw new IllegalArgumentException("quote inside unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        if (field.length() > 0 || !row.isEmpty() || wasQuoted) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return rows;
    }

    static List<Map<String, String>> records(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
        List<List<String>> rows = parse(text.substring(1));
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            assertEquals(header.size(), r.size(), "same column count: " + r);
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void selfAssessmentHasOneRowPerControlWithStatusSummaryWaiverEvidenceAndWhatIsMissing() throws Exception {
        ScanResult r = SampleScan.create(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path file = new CsvWriter().write(r, out);
        assertEquals(CsvWriter.SELF_ASSESSMENT, file.getFileName().toString());
        List<Map<String, String>> rows = records(file);
        assertEquals(ControlCatalog.bundled().controls().stream().map(c -> c.id()).toList(),
                rows.stream().map(m -> m.get("Control ID")).toList());
        Map<String, Map<String, String>> byId = rows.stream().collect(Collectors.toMap(m -> m.get("Control ID"), m -> m));
        Map<String, String> netsec2 = byId.get("NETSEC-002");
        assertEquals("FAIL", netsec2.get("Status"));
        assertEquals("1 PASS, 1 FAIL, 1 SUPPRESSED, 1 ERROR", netsec2.get("Automated result summary"));
        assertEquals("s3_bucket_encrypted (1)", netsec2.get("Failing checks"));
        assertTrue(netsec2.get("What is missing").contains("Fix 1 failing evaluation (FAIL findings)\nRe-run 1 evaluation"), netsec2.get("What is missing"));
        assertTrue(netsec2.get("Requirement").contains("\n• Enforcing encryption at rest."), "multi-line quote kept in one cell");
        assertTrue(byId.get("REL-001").get("Waiver").contains("source: wafr"));
        Map<String, String> ope2 = byId.get("OPE-002");
        assertEquals("ATTESTED", ope2.get("Status"));
        assertTrue(ope2.get("Evidence attached").contains("Operations runbook (file docs/runbook.md)"), ope2.get("Evidence attached"));
        assertEquals("", ope2.get("What is missing"));
        assertTrue(byId.get("REL-002").get("What is missing").contains("Attach: Descriptions or documents on workload resilience"),
                byId.get("REL-002").get("What is missing"));
        assertEquals("FAIL", netsec2.get("Automated result"));
        assertTrue(netsec2.get("Evidence coverage").startsWith("1. MISSING: attach a document"), netsec2.get("Evidence coverage"));
        assertTrue(byId.get("ACCT-001").get("Checks not evaluated").contains("root_mfa_enabled: "),
                byId.get("ACCT-001").get("Checks not evaluated"));
    }

    @Test
    void findingsCsvQuotesAndDefusesFormulas() throws Exception {
        ScanResult r = SampleScan.create(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        new CsvWriter().write(r, out);
        List<Map<String, String>> rows = records(out.resolve(CsvWriter.FINDINGS));
        assertEquals(r.findings().size(), rows.size());
        assertEquals("FAIL", rows.get(0).get("Status"), "failing first");
        Map<String, String> logs = rows.stream().filter(m -> m.get("Resource id").equals("LogsBucket7C2B11E4")).findFirst().orElseThrow();
        assertEquals("no BucketEncryption: =cmd|' /C calc'!A0", logs.get("Message"), "= inside the text is harmless");
        assertEquals("Set encryption: BucketEncryption.KMS.", logs.get("Remediation"));
        assertEquals("cdk.out/GenAiStack.template.json:25", logs.get("Location"));
        Map<String, String> hostile = rows.stream().filter(m -> m.get("Check").equals("iam_no_wildcard_actions")).findFirst().orElseThrow();
        assertTrue(hostile.get("Message").contains("=HYPERLINK(\"http://evil\")"));
    }

    @Test
    void findingsCsvEndsWithTheResourceNameAndTags() throws Exception {
        ScanResult r = SampleScan.withSecrets(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        new CsvWriter().write(r, out);
        List<String> header = parse(Files.readString(out.resolve(CsvWriter.FINDINGS), StandardCharsets.UTF_8).substring(1)).get(0);
        assertEquals(List.of("Remediation", "Resource name", "Resource tags"), header.subList(header.size() - 3, header.size()),
                "new columns at the end: spreadsheets reading the older ones by position keep working");
        List<Map<String, String>> rows = records(out.resolve(CsvWriter.FINDINGS));
        Map<String, String> sg = rows.stream().filter(m -> m.get("Resource id").equals("WebSg12AB34CD")).findFirst().orElseThrow();
        assertEquals("web-sg", sg.get("Resource name"));
        assertEquals("Name=web-sg; team=genai", sg.get("Resource tags"));
        Map<String, String> user = rows.stream().filter(m -> m.get("Resource id").equals("ci-deployer")).findFirst().orElseThrow();
        assertEquals("DeployPassword=[REDACTED]; owner=ci", user.get("Resource tags"), "a tag named like a secret is masked");
        Map<String, String> trail = rows.stream().filter(m -> m.get("Resource id").equals("Trail022F4D8A")).findFirst().orElseThrow();
        assertEquals("", trail.get("Resource name"), "no name is left empty, not invented");
    }

    @Test
    void cellsStartingWithAFormulaCharacterGetAQuote() {
        assertEquals("'=1+2", Csv.cell("=1+2"));
        assertEquals("'+SUM(A1)", Csv.cell("+SUM(A1)"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@cmd", Csv.cell("@cmd"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"two\r\nlines\"", Csv.cell("two\r\nlines"));
        assertEquals("plain", Csv.cell("plain"));
        assertEquals(List.of(List.of("'=1", "a,\"b\"", "")), parse(Csv.record(List.of("=1", "a,\"b\"", ""))));
    }
}
