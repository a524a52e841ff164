package dev.cxscan.reports.junit;

import dev.cxscan.reports.ControlStatus;
import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml} for CI test-report views (Jenkins JUnit plugin, GitLab {@code artifacts:reports:junit}):
 * one {@code <testsuite>} per checklist control, one {@code <testcase>} per (check, resource) with
 * {@code classname="CONTROL.check"} and the resource as name; {@code <failure>} for FAIL, {@code <error>}
 * for ERROR, {@code <skipped>} for SUPPRESSED, NOT_APPLICABLE and every finding of a WAIVED control. Each
 * document a MANUAL control still needs is a skipped testcase too (an ATTESTED one says what the user
 * supplied), so the gap shows in the CI view without failing the build. Written with the JDK's StAX
 * writer (escaping) after dropping characters XML 1.0 cannot carry.
 */
public final class JunitXmlWriter implements ReportWriter {
    public static final String FILE_NAME = "junit.xml";

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public Path write(ScanResult raw, Path outDir) throws IOException {
        ScanResult result = Redactor.scrub(raw);
        Path file = outDir.resolve(FILE_NAME);
        dev.cxscan.reports.ReportFile.write(file, out -> {
            try {
                XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                write(result, w);
                w.flush();
                w.close();
            } catch (XMLStreamException e) {
                // the stream's own IOException (a full disk) is the cause worth naming
                throw e.getNestedException() instanceof IOException io ? io
                        : new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        });
        return file;
    }

    private record Case(String classname, String name, String kind, String type, String message, String body) {
    }

    private void write(ScanResult result, XMLStreamWriter w) throws XMLStreamException {
        List<ControlView> views = ControlView.of(result);
        Map<String, List<Case>> suites = new java.util.LinkedHashMap<>();
        for (ControlView v : views) {
            suites.put(v.id(), cases(v));
        }
        String time = seconds(result);
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("testsuites");
        w.writeAttribute("name", "cxscan " + result.tool().version());
        List<Case> all = suites.values().stream().flatMap(List::stream).toList();
        counts(w, all);
        w.writeAttribute("time", time);
        int index = 0;
        for (ControlView v : views) {
            List<Case> cases = suites.get(v.id());
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", clean(v.id() + " " + v.control().title()));
            w.writeAttribute("id", String.valueOf(index++));
            counts(w, cases);
            w.writeAttribute("time", "0");
            if (result.scan() != null && result.scan().startedAt() != null) {
                w.writeAttribute("timestamp", result.scan().startedAt().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
            }
            w.writeCharacters("\n    ");
            w.writeStartElement("properties");
            property(w, "control", v.id());
            property(w, "status", v.status().name());
            if (v.verdict() != null) {
                property(w, "automated", v.verdict().automated().name());
                property(w, "notEvaluated", String.valueOf(v.verdict().notEvaluated().size()));
            }
            if (v.result().waiver() != null) {
                property(w, "waiver", waiverText(v.result().waiver()));
            }
            w.writeEndElement();
            for (Case c : cases) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", clean(c.classname()));
                w.writeAttribute("name", clean(c.name()));
                w.writeAttribute("time", "0");
                if (c.kind() != null) {
                    w.writeCharacters("\n      ");
                    w.writeStartElement(c.kind());
                    w.writeAttribute("message", clean(c.message()));
                    if (c.type() != null) {
                        w.writeAttribute("type", clean(c.type()));
                    }
                    if (c.body() != null) {
                        w.writeCharacters(clean(c.body()));
                    }
                    w.writeEndElement();
                    w.writeCharacters("\n    ");
                } else if (c.body() != null) {
                    w.writeStartElement("system-out");
                    w.writeCharacters(clean(c.body()));
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
        }
        w.writeCharacters("\n");
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    private static List<Case> cases(ControlView v) {
        List<Case> cases = new ArrayList<>();
        boolean waived = v.status() == ControlStatus.WAIVED;
        String waiver = waived && v.result().waiver() != null ? waiverText(v.result().waiver()) : "waived";
        List<Finding> findings = new ArrayList<>(v.failing());
        findings.addAll(v.suppressed());
        findings.addAll(v.other());
        for (Finding f : findings) {
            String classname = v.id() + "." + f.check();
            String location = f.resource() == null ? "" : f.resource().displayLocation();
            String name = f.resource() == null ? f.check()
                    : f.resource().displayId() + " (" + f.resource().displayType() + ")" + (location.isEmpty() ? "" : " " + location);
            String details = f.message() + "\nResource: " + name
                    + (f.resource() != null && f.resource().cdkPath() != null ? "\nCDK path: " + f.resource().cdkPath() : "")
                    + "\nSeverity: " + f.severity().wireName();
            if (waived && f.status() != Status.PASS && f.status() != Status.INFO) {
                cases.add(new Case(classname, name, "skipped", null, "WAIVED: " + waiver, details));
                continue;
            }
            switch (f.status()) {
                case FAIL -> cases.add(new Case(classname, name, "failure", f.severity().wireName(), f.message(),
                        details + remediation(v, f)));
                case ERROR -> cases.add(new Case(classname, name, "error", "evaluation error", f.message(), details));
                case SUPPRESSED -> cases.add(new Case(classname, name, "skipped", null,
                        "SUPPRESSED: " + (f.suppression() == null ? "" : f.suppression().reason()), details));
                case NOT_APPLICABLE -> cases.add(new Case(classname, name, "skipped", null, "NOT_APPLICABLE: " + f.message(), null));
                case PASS, INFO -> cases.add(new Case(classname, name, null, null, null, f.message()));
            }
        }
        if (v.verdict() == null) {
            return cases;
        }
        // the rest of the verdict: checks that did not run, and each evidence item the checklist asks for. Skipped,
        // not failed: a CI gate fails on findings, and a missing document is the partner's to attach
        for (var n : v.verdict().notEvaluated()) {
            cases.add(new Case(v.id() + "." + n.check(), n.check() + " (not evaluated)", "skipped", null,
                    "NOT_EVALUATED: " + n.reason(), null));
        }
        var items = v.verdict().evidence();
        for (int i = 0; i < items.size(); i++) {
            var e = items.get(i);
            String classname = v.id() + ".evidence_" + (i + 1);
            if ("findings".equals(e.coveredBy())) {
                cases.add(new Case(classname, e.item(), null, null, null, "Covered by " + e.detail()));
            } else if ("documents".equals(e.coveredBy())) {
                String statement = v.attested().map(a -> a.statement() == null ? "" : a.statement()).orElse("");
                cases.add(new Case(classname, e.item(), "skipped", null,
                        "ATTESTED by the user (not verified by cxscan): " + String.join(", ", v.attachedLabels()),
                        statement.isEmpty() ? null : statement));
            } else if ("waiver".equals(e.coveredBy())) {
                cases.add(new Case(classname, e.item(), "skipped", null, "WAIVED: " + e.detail(), null));
            } else {
                cases.add(new Case(classname, e.item(), "skipped", null, "MANUAL: missing: " + e.detail(), null));
            }
        }
        return cases;
    }

    private static String remediation(ControlView v, Finding f) {
        String r = v.remediation(f);
        return r.isBlank() ? "" : "\nRemediation: " + r;
    }

    private static String waiverText(Map<String, Object> waiver) {
        if (waiver.containsKey("summary")) {
            return dev.cxscan.reports.WaiverText.summary(waiver);
        }
        return waiver.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void counts(XMLStreamWriter w, List<Case> cases) throws XMLStreamException {
        w.writeAttribute("tests", String.valueOf(cases.size()));
        w.writeAttribute("failures", String.valueOf(cases.stream().filter(c -> "failure".equals(c.kind())).count()));
        w.writeAttribute("errors", String.valueOf(cases.stream().filter(c -> "error".equals(c.kind())).count()));
        w.writeAttribute("skipped", String.valueOf(cases.stream().filter(c -> "skipped".equals(c.kind())).count()));
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    private static String seconds(ScanResult r) {
        if (r.scan() == null || r.scan().startedAt() == null || r.scan().finishedAt() == null) {
            return "0";
        }
        Duration d = Duration.between(r.scan().startedAt(), r.scan().finishedAt());
        return String.format(java.util.Locale.ROOT, "%.3f", Math.max(0, d.toMillis()) / 1000.0);
    }

    /** Drops characters XML 1.0 cannot represent (control characters, lone surrogates). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (ok) {
                b.appendCodePoint(cp);
            } else {
                b.append('\uFFFD');
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
