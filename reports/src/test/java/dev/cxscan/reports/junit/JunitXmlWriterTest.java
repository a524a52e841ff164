package dev.cxscan.reports.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.SampleScan;
import dev.cxscan.reports.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlWriterTest {
    @TempDir
    Path tmp;

    private Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static Element testcase(Document d, String classname, String namePrefix) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("classname").equals(classname) && e.getAttribute("name").startsWith(namePrefix)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + classname + " " + namePrefix);
    }

    @Test
    void aSuitePerControlAndACasePerCheckAndResourceThatAnXmlParserReads() throws Exception {
        ScanResult r = SampleScan.create(tmp.resolve("in"));
        Path file = new JunitXmlWriter().write(r, Files.createDirectories(tmp.resolve("out")));
        Document d = parse(file);
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(ControlCatalog.bundled().controls().size(), suites.getLength());
        assertTrue(((Element) suites.item(0)).getAttribute("name").startsWith("ACCT-001 "));

        Element sg = testcase(d, "NETSEC-001.ec2_sg_no_public_admin_ports", "WebSg12AB34CD");
        Element failure = (Element) sg.getElementsByTagName("failure").item(0);
        assertEquals("ingress from 0.0.0.0/0 to port 22 (SSH) in rule 1", failure.getAttribute("message"));
        assertEquals("high", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("Remediation: Remove the 0.0.0.0/0 ingress"), failure.getTextContent());
        assertTrue(sg.getAttribute("name").contains("cdk.out/GenAiStack.template.json:42"));

        Element err = testcase(d, "NETSEC-002.rds_storage_encrypted", "VectorDb5F1A2B3C");
        assertEquals(1, err.getElementsByTagName("error").getLength());
        Element sup = testcase(d, "NETSEC-002.s3_bucket_public_access_blocked", "DocsBucket9D3E1F0A");
        assertTrue(((Element) sup.getElementsByTagName("skipped").item(0)).getAttribute("message").contains("security review SR-118"));
        Element pass = testcase(d, "NETSEC-001.vpc_flow_logs_enabled", "Vpc8378EB38");
        assertEquals(0, pass.getElementsByTagName("failure").getLength() + pass.getElementsByTagName("skipped").getLength());

        // hostile text survives as text: markup, "]]>" and XML-illegal control characters
        Element hostile = testcase(d, "ACCT-002.iam_no_wildcard_actions", SampleScan.HOSTILE_ID);
        String msg = ((Element) hostile.getElementsByTagName("failure").item(0)).getAttribute("message");
        assertTrue(msg.contains("</td><script>alert('x')</script>") && msg.contains("]]>"), msg);

        // each evidence item of the checklist is a case: missing documents skipped as MANUAL, attached ones ATTESTED,
        // and each check that did not run is a skipped case with the reason
        Element manual = testcase(d, "REL-002.evidence_1", "Descriptions or documents on workload resilience");
        assertTrue(((Element) manual.getElementsByTagName("skipped").item(0)).getAttribute("message")
                .startsWith("MANUAL: missing: attach a document"));
        Element notRun = testcase(d, "ACCT-001.root_mfa_enabled", "root_mfa_enabled (not evaluated)");
        assertTrue(((Element) notRun.getElementsByTagName("skipped").item(0)).getAttribute("message")
                .startsWith("NOT_EVALUATED: not run in this scan"));
        Element attested = testcase(d, "OPE-002.evidence_1", "Standardized documents or runbook");
        assertTrue(((Element) attested.getElementsByTagName("skipped").item(0)).getAttribute("message")
                .startsWith("ATTESTED by the user (not verified by cxscan): Operations runbook"));

        // counts add up per suite and overall
        int failures = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            assertEquals(s.getElementsByTagName("testcase").getLength(), Integer.parseInt(s.getAttribute("tests")), s.getAttribute("name"));
            assertEquals(s.getElementsByTagName("failure").getLength(), Integer.parseInt(s.getAttribute("failures")));
            assertEquals(s.getElementsByTagName("skipped").getLength(), Integer.parseInt(s.getAttribute("skipped")));
            failures += Integer.parseInt(s.getAttribute("failures"));
        }
        assertEquals(failures, Integer.parseInt(root.getAttribute("failures")));
        assertEquals(4, failures, "4 FAIL findings, each in one control");
    }

    @Test
    void findingsOfAWaivedControlAreSkippedWithTheWaiver() throws Exception {
        ScanResult base = SampleScan.create(tmp.resolve("in"));
        // waive NETSEC-001, which has a FAIL
        var controls = base.controls().stream().map(c -> !c.id().equals("NETSEC-001") ? c
                : new dev.cxscan.reports.ControlResult(c.id(), c.title(), dev.cxscan.reports.ControlStatus.WAIVED,
                java.util.Map.of("source", "wafr"), c.counts())).toList();
        ScanResult r = new ScanResult(base.schemaVersion(), base.tool(), base.scan(), controls, base.findings(), base.checks(),
                base.userEvidence(), base.resourceData());
        Document d = parse(new JunitXmlWriter().write(r, Files.createDirectories(tmp.resolve("out"))));
        Element sg = testcase(d, "NETSEC-001.ec2_sg_no_public_admin_ports", "WebSg12AB34CD");
        assertEquals(0, sg.getElementsByTagName("failure").getLength());
        assertEquals("WAIVED: source=wafr", ((Element) sg.getElementsByTagName("skipped").item(0)).getAttribute("message"));
    }
}
