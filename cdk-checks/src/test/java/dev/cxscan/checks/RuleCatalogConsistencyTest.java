package dev.cxscan.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.ControlCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rule classes and the catalog (CHECKS.md in machine form) say the same thing. */
class RuleCatalogConsistencyTest {
    private final ControlCatalog catalog = ControlCatalog.bundled();
    private final List<Rule> rules = Rules.all();

    @Test
    void everyRuleIsInTheCatalogWithTheSameSeverityAndControls() {
        Set<String> seen = new HashSet<>();
        for (Rule rule : rules) {
            Check check = rule.check();
            assertTrue(seen.add(check.id()), "two rules for " + check.id());
            CatalogCheck entry = catalog.check(check.id()).orElseThrow(() -> new AssertionError(check.id() + " is not in catalog.json"));
            assertEquals(entry.severity(), check.severity(), check.id() + " severity");
            assertEquals(entry.controls(), check.controls(), check.id() + " controls");
            assertTrue(entry.runsOnTemplates(), check.id() + " is live-only in the catalog but has a template rule");
            assertFalse(check.remediation().isBlank(), check.id() + " has no remediation");
            assertFalse(rule.resourceTypes().isEmpty(), check.id() + " evaluates no resource type");
        }
    }

    @Test
    void everyTemplateCheckOfTheCatalogHasARule() {
        Set<String> implemented = rules.stream().map(r -> r.check().id()).collect(Collectors.toSet());
        List<String> missing = catalog.checks().stream().filter(CatalogCheck::runsOnTemplates)
                .map(CatalogCheck::id).filter(id -> !implemented.contains(id)).toList();
        assertEquals(List.of(), missing, "T/B checks of CHECKS.md without a rule");
    }

    @Test
    void ruleClassNamesFollowTheCheckIds() {
        for (Rule rule : rules) {
            String expected = java.util.Arrays.stream(rule.check().id().split("_"))
                    .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1)).collect(Collectors.joining());
            assertEquals(expected, rule.getClass().getSimpleName(), "class of " + rule.check().id());
        }
    }
}
