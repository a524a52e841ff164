package dev.cxscan.scanner.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.Rules;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Control;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.scanner.live.LiveCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * docs/checks.md, the page every check's helpUri (SARIF, reports) points to, is generated from the
 * catalog and the checks' own metadata and must be up to date. Regenerate with
 * {@code mvn -pl scanner -am test -Dtest=CheckCatalogDocTest -Dcxscan.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CheckCatalogDocTest {
    private static final Path DOC = Path.of("..", "docs", "checks.md");

    @Test
    void docsChecksMdMatchesTheCatalog() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("cxscan.updateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/checks.md is stale: regenerate it (see this test's Javadoc)");
    }

    static String render() {
        Map<String, Check> checks = new LinkedHashMap<>();
        for (Rule rule : Rules.all()) {
            checks.put(rule.check().id(), rule.check());
        }
        ServiceLoader.load(LiveCheck.class).forEach(c -> checks.putIfAbsent(c.check().id(), c.check()));
        ControlCatalog catalog = ControlCatalog.bundled();
        StringBuilder md = new StringBuilder();
        md.append("# cxscan checks\n\n")
                .append("Generated from the control catalog and each check's metadata by CheckCatalogDocTest; do not edit by hand.\n")
                .append("Source: T templates, L live account, B both, H live hint for a MANUAL control.\n");
        for (Control control : catalog.controls()) {
            md.append("\n## ").append(control.id()).append(" ").append(control.title()).append("\n");
            for (String id : control.checks()) {
                CatalogCheck entry = catalog.check(id).orElseThrow();
                Check check = checks.get(id);
                md.append("\n### ").append(id).append("\n\n")
                        .append("- Source: ").append(entry.source()).append("; severity: ").append(entry.severity().wireName())
                        .append("; controls: ").append(String.join(", ", entry.controls())).append("\n")
                        .append("- Passes when: ").append(entry.passesWhen()).append("\n");
                if (check != null) {
                    md.append("- Remediation: ").append(check.remediation()).append("\n");
                }
            }
        }
        return md.toString();
    }
}
