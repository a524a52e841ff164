package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Nothing links a rule's resource types to what the probes produce but the probes' own declarations: this holds
 * the catalog to them. A check the catalog runs live (B) must have every type its rule depends on read by a
 * registered probe; until a probe exists for a type, its checks are template-only (T).
 */
class LiveRuleCoverageTest {
    private final ControlCatalog catalog = ControlCatalog.bundled();

    @Test
    void everyLiveRunRuleHasItsTypesReadByARegisteredProbe() {
        Set<String> read = LiveRuleSelection.readTypes(AccountScan.loadProbes());
        Map<String, Set<String>> unread = new TreeMap<>();
        for (Rule rule : Rules.all()) {
            CatalogCheck entry = catalog.check(rule.check().id()).orElseThrow();
            if (!entry.runsLive()) {
                continue;
            }
            Set<String> missing = new TreeSet<>(LiveRuleSelection.liveInputs(rule));
            missing.removeAll(read);
            if (!missing.isEmpty()) {
                unread.put(rule.check().id(), missing);
            }
        }
        assertEquals(Map.of(), unread, "checks the catalog runs live (B) whose types no registered probe declares: "
                + "add a probe or make them T in catalog.json");
    }

    @Test
    void aRealScanRunsEveryLiveRuleOfTheCatalog() {
        AccountScan scan = new AccountScan(TestProbe.NO_CLIENTS, "123456789012", software.amazon.awssdk.regions.Region.US_EAST_1,
                AccountScan.loadProbes(), java.util.List.of(), RuleEngine.withAllRules(), 1, ScanProgress.NONE);
        assertEquals(Map.of(), scan.notEvaluated());
        Set<String> ran = new TreeSet<>();
        scan.engine().rules().forEach(r -> ran.add(r.check().id()));
        for (Rule rule : Rules.all()) {
            boolean live = catalog.check(rule.check().id()).orElseThrow().runsLive();
            assertEquals(live, ran.contains(rule.check().id()), rule.check().id());
        }
    }

    @Test
    void templateOnlyShapesNameTypesTheRulesJudge() {
        for (Rule rule : Rules.all()) {
            Set<String> shapes = LiveRuleSelection.CARRIED_BY.getOrDefault(rule.check().id(), Map.of()).keySet();
            assertTrue(rule.resourceTypes().containsAll(shapes), rule.check().id() + " does not judge all of " + shapes);
        }
        for (String id : LiveRuleSelection.CARRIED_BY.keySet()) {
            assertTrue(catalog.check(id).isPresent(), "unknown check " + id);
        }
    }

    @Test
    void aRuleMissingATypeIsNotEvaluatedAndSaysWhich() {
        // only the RDS probe: the backup checks also need the plans, the volumes, the tables and the file systems
        AccountScan scan = new AccountScan(TestProbe.NO_CLIENTS, "123456789012", software.amazon.awssdk.regions.Region.US_EAST_1,
                java.util.List.of(new dev.cxscan.scanner.probes.rds.RdsProbe()), java.util.List.of(), RuleEngine.withAllRules(), 1,
                ScanProgress.NONE);
        String why = scan.notEvaluated().get("backup_resource_covered");
        assertTrue(why != null && why.startsWith("no probe reads ") && why.contains("AWS::Backup::BackupPlan"), String.valueOf(why));
        assertTrue(scan.notEvaluated().get("s3_bucket_versioning").contains("AWS::S3::Bucket"));
        assertTrue(scan.engine().rules().stream().anyMatch(r -> r.check().id().equals("rds_storage_encrypted")));
        assertTrue(scan.checks().stream().noneMatch(c -> c.id().equals("backup_resource_covered")));
        // template-only checks are not "dropped for lack of data": the catalog says they are T
        assertTrue(!scan.notEvaluated().containsKey("kinesis_stream_encrypted"));
    }
}
