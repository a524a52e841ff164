package dev.cxscan.checks.rules.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.Rules;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every CloudTrail rule is registered and carries the severity and controls CHECKS.md gives its id. */
class CloudtrailCatalogTest {
    private static final List<Class<? extends Rule>> RULES = List.of(
            CloudtrailMultiRegionLogging.class, CloudtrailLogFileValidation.class, CloudtrailKmsEncrypted.class,
            CloudtrailBucketDedicated.class, CloudtrailBucketProtected.class, CloudtrailBucketNotPublic.class,
            CloudtrailCloudwatchLogs.class);

    @Test
    void registeredAndMatchingTheCatalog() {
        ControlCatalog catalog = ControlCatalog.bundled();
        List<Rule> all = Rules.all();
        for (Class<? extends Rule> type : RULES) {
            Rule rule = all.stream().filter(type::isInstance).findFirst()
                    .orElseThrow(() -> new AssertionError(type.getName() + " is not registered in META-INF/services"));
            CatalogCheck entry = catalog.check(rule.check().id())
                    .orElseThrow(() -> new AssertionError(rule.check().id() + " is not in the catalog"));
            assertEquals(entry.severity(), rule.check().severity(), rule.check().id());
            assertEquals(entry.controls(), rule.check().controls(), rule.check().id());
            assertTrue(entry.runsOnTemplates(), rule.check().id());
            assertEquals(Set.of("AWS::CloudTrail::Trail"), rule.resourceTypes(), rule.check().id());
        }
    }
}
