package dev.cxscan.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateFormatException;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs one rule over a template written inline in a test (JSON or YAML, told apart by content). */
public final class RuleTester {
    private RuleTester() {
    }

    public static List<Finding> run(Rule rule, String template) {
        try {
            Template t = TemplateParser.parse("test.template", template.getBytes(StandardCharsets.UTF_8));
            return new RuleEngine(List.of(rule)).evaluate(t.resourceSet(), new Diagnostics());
        } catch (TemplateFormatException e) {
            throw new AssertionError("test template does not parse: " + e.getMessage() + " (line " + e.line() + ")", e);
        }
    }

    /** The one finding the rule gives for {@code logicalId}; fails the test when there is none or several. */
    public static Finding finding(Rule rule, String template, String logicalId) {
        List<Finding> matching = run(rule, template).stream()
                .filter(f -> f.resource().id().equals(logicalId)).toList();
        if (matching.size() != 1) {
            fail("expected exactly one finding for " + logicalId + ", got " + matching);
        }
        return matching.get(0);
    }

    /** Asserts the status for {@code logicalId} and returns the finding for message checks. */
    public static Finding assertStatus(Status expected, Rule rule, String template, String logicalId) {
        Finding f = finding(rule, template, logicalId);
        assertEquals(expected, f.status(), () -> "finding for " + logicalId + ": " + f.message());
        return f;
    }

    /**
     * A template of the upstream conformance corpus (src/test/resources/conformance), by its path
     * relative to that folder as expected.json names it, for a rule's own verdicts on upstream test
     * templates that conformance.ConformanceTest does not express.
     */
    public static String conformanceTemplate(String path) {
        try (InputStream in = RuleTester.class.getResourceAsStream("/conformance/" + path)) {
            if (in == null) {
                throw new AssertionError("missing conformance template " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the rule yields no finding at all for {@code logicalId} (not applicable). */
    public static void assertNoFinding(Rule rule, String template, String logicalId) {
        List<Finding> matching = run(rule, template).stream()
                .filter(f -> f.resource().id().equals(logicalId)).toList();
        assertEquals(List.of(), matching, "expected no finding for " + logicalId);
    }
}
