package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.scanner.live.LiveCheck;
import dev.cxscan.scanner.live.Probe;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every live check is registered with the catalog's severity and controls; every L and H check of the catalog has one. */
class CatalogConformanceTest {
    @Test
    void liveChecksMatchTheCatalog() {
        Map<String, CatalogCheck> catalog = ControlCatalog.bundled().checks().stream()
                .collect(Collectors.toMap(CatalogCheck::id, Function.identity()));
        Set<String> seen = new HashSet<>();
        for (LiveCheck c : dev.cxscan.scanner.live.AccountScan.loadLiveChecks()) {
            CatalogCheck entry = catalog.get(c.check().id());
            assertTrue(entry != null, "not in the catalog: " + c.check().id());
            assertEquals(entry.severity(), c.check().severity(), c.check().id());
            assertEquals(entry.controls(), c.check().controls(), c.check().id());
            assertTrue(seen.add(c.check().id()), "registered twice: " + c.check().id());
        }
        for (CatalogCheck entry : catalog.values()) {
            if (entry.source().equals("L") || entry.source().equals("H")) {
                assertTrue(seen.contains(entry.id()), "no live check for " + entry.id());
            }
        }
    }

    @Test
    void probesDeclareReadOnlyActions() {
        for (Probe p : dev.cxscan.scanner.live.AccountScan.loadProbes()) {
            assertFalse(p.iamActions().isEmpty(), p.service());
            for (String a : p.iamActions()) {
                String verb = a.substring(a.indexOf(':') + 1);
                assertTrue(verb.matches("(Get|List|Describe|Lookup|View|GenerateCredentialReport).*"), a);
            }
        }
    }
}
