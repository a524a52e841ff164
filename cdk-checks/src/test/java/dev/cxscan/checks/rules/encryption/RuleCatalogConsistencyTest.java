package dev.cxscan.checks.rules.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Rule;
import dev.cxscan.checks.Rules;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every registered rule's metadata equals its catalog entry (CHECKS.md is the contract). */
class RuleCatalogConsistencyTest {
    @Test
    void severityAndControlsMatchTheCatalog() {
        List<String> problems = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            String id = rule.check().id();
            Optional<CatalogCheck> entry = ControlCatalog.bundled().check(id);
            if (entry.isEmpty()) {
                problems.add(id + " is not in catalog.json");
                continue;
            }
            if (entry.get().severity() != rule.check().severity()) {
                problems.add(id + ": severity " + rule.check().severity() + " vs catalog " + entry.get().severity());
            }
            if (!entry.get().controls().equals(rule.check().controls())) {
                problems.add(id + ": controls " + rule.check().controls() + " vs catalog " + entry.get().controls());
            }
            for (String control : rule.check().controls()) {
                boolean listed = ControlCatalog.bundled().control(control).map(c -> c.checks().contains(id)).orElse(false);
                if (!listed) {
                    problems.add(id + " is not listed under control " + control);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDataStoreRulesAreRegistered() {
        List<String> ids = Rules.all().stream().map(r -> r.check().id()).toList();
        for (String id : List.of("redshift_cluster_encrypted", "redshift_require_ssl", "docdb_cluster_encrypted", "docdb_tls_enabled",
                "neptune_cluster_encrypted", "opensearch_encrypted_at_rest", "opensearch_node_to_node_encrypted",
                "opensearch_https_enforced", "kinesis_stream_encrypted", "msk_cluster_encrypted", "secretsmanager_secret_kms",
                "log_group_encrypted", "backup_vault_encrypted", "sagemaker_encrypted", "bedrock_encrypted", "elasticache_encrypted")) {
            assertTrue(ids.contains(id), id + " is not registered in META-INF/services");
        }
    }
}
