package dev.cxscan.checks.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleTester;
import dev.cxscan.checks.rules.cloudwatch.CloudwatchAlarmActions;
import dev.cxscan.checks.rules.dynamodb.DynamodbPitrEnabled;
import dev.cxscan.checks.rules.elb.ElbAccessLogs;
import dev.cxscan.checks.rules.logs.LogGroupRetention;
import dev.cxscan.checks.rules.rds.RdsBackupRetention;
import dev.cxscan.checks.rules.rds.RdsDeletionProtection;
import dev.cxscan.checks.rules.s3.S3BucketVersioning;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the REL-002 / OPE-001 rules on the conformance corpus (checkov, cfn_nag and guard test
 * templates, see src/test/resources/conformance/README.md) and asserts that they agree with the
 * upstream expectation for every entry of a matching upstream check, except the deliberate
 * disagreements listed in {@link #DISAGREEMENTS}, where the test asserts our own, opposite result.
 */
class ReliabilityOperationsConformanceTest {
    private static final String ROOT = "/conformance/";

    /** Upstream check id -> the cxscan rule that judges the same property. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("W75", new RdsBackupRetention()),
            Map.entry("DB_INSTANCE_BACKUP_ENABLED", new RdsBackupRetention()),
            Map.entry("W78", new DynamodbPitrEnabled()),
            Map.entry("CKV_AWS_28", new DynamodbPitrEnabled()),
            Map.entry("CKV_AWS_165", new DynamodbPitrEnabled()),
            Map.entry("DYNAMODB_PITR_ENABLED", new DynamodbPitrEnabled()),
            Map.entry("F80", new RdsDeletionProtection()),
            Map.entry("RDS_INSTANCE_DELETION_PROTECTION_ENABLED", new RdsDeletionProtection()),
            Map.entry("S3_BUCKET_VERSIONING_ENABLED", new S3BucketVersioning()),
            Map.entry("W86", new LogGroupRetention()),
            Map.entry("CKV_AWS_66", new LogGroupRetention()),
            Map.entry("CW_LOGGROUP_RETENTION_PERIOD_CHECK", new LogGroupRetention()),
            Map.entry("W52", new ElbAccessLogs()),
            Map.entry("W26", new ElbAccessLogs()),
            Map.entry("CKV_AWS_91", new ElbAccessLogs()),
            Map.entry("CKV_AWS_92", new ElbAccessLogs()),
            Map.entry("CLOUDWATCH_ALARM_ACTION_CHECK", new CloudwatchAlarmActions()));

    private record Disagreement(String checkId, String template, String logicalId, Status ours, String why) {
        String key() {
            return checkId + " " + template + " " + logicalId;
        }
    }

    /** Where cxscan deliberately judges differently from the upstream scanner, and why. */
    private static final List<Disagreement> DISAGREEMENTS = List.of(
            new Disagreement("W75", "templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml",
                    "RDSDBInstanceWithNonZeroBackupRetentionPeriod", Status.FAIL,
                    "cfn_nag only asks for retention > 0; rds_backup_retention asks for >= 7 days (5 fails)"),
            new Disagreement("W75", "templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml",
                    "RDSDBInstanceWithStringNonZeroBackupRetentionPeriod", Status.FAIL,
                    "same as above with the string \"5\""),
            new Disagreement("W75", "templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_without_backup_retention_period.yaml",
                    "RDSDBInstanceWithoutBackupRetentionPeriod", Status.FAIL,
                    "cfn_nag passes the absent property (RDS default 1 day, > 0); 1 day is below 7"),
            new Disagreement("DB_INSTANCE_BACKUP_ENABLED", "templates/guard/db_instance_backup_enabled/case02-pass.yaml",
                    "ExampleRDS", Status.FAIL,
                    "guard only asks for backups on (> 0); a 1-day retention is below 7"),
            new Disagreement("CLOUDWATCH_ALARM_ACTION_CHECK", "templates/guard/cloudwatch_alarm_action_check/case03-pass.yaml",
                    "ExampleCWA", Status.FAIL,
                    "guard accepts OKActions alone; CHECKS.md asks for an alarm action, which runs when the alarm fires"),
            new Disagreement("CLOUDWATCH_ALARM_ACTION_CHECK", "templates/guard/cloudwatch_alarm_action_check/case04-pass.yaml",
                    "ExampleCWA", Status.FAIL,
                    "guard accepts InsufficientDataActions alone; same reason"));

    private static List<JsonNode> entries() {
        try (InputStream in = ReliabilityOperationsConformanceTest.class.getResourceAsStream(ROOT + "expected.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.path("entries").forEach(e -> {
                if (RULES.containsKey(e.path("check_id").asText())) {
                    out.add(e);
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String template(String path) {
        try (InputStream in = ReliabilityOperationsConformanceTest.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new AssertionError("conformance template missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(JsonNode e) {
        return e.path("check_id").asText() + " " + e.path("template").asText() + " " + e.path("logical_id").asText();
    }

    @TestFactory
    Stream<DynamicTest> agreesWithUpstreamExceptDocumentedDisagreements() {
        return entries().stream().map(e -> DynamicTest.dynamicTest(key(e), () -> {
            Rule rule = RULES.get(e.path("check_id").asText());
            Finding f = RuleTester.finding(rule, template(e.path("template").asText()), e.path("logical_id").asText());
            Status upstream = e.path("expected").asText().equals("PASSED") ? Status.PASS : Status.FAIL;
            Disagreement d = DISAGREEMENTS.stream().filter(x -> x.key().equals(key(e))).findFirst().orElse(null);
            if (d == null) {
                assertEquals(upstream, f.status(), () -> key(e) + ": " + f.message());
            } else {
                assertTrue(d.ours() != upstream, "a listed disagreement must disagree: " + d.key());
                assertEquals(d.ours(), f.status(), () -> d.key() + " (" + d.why() + "): " + f.message());
            }
        }));
    }

    @Test
    void corpusCoversEveryMappedCheckAndEveryDisagreementExists() {
        List<JsonNode> entries = entries();
        Set<String> checks = new HashSet<>();
        Set<String> keys = new HashSet<>();
        entries.forEach(e -> {
            checks.add(e.path("check_id").asText());
            keys.add(key(e));
        });
        assertEquals(RULES.keySet(), checks, "every mapped upstream check has entries in expected.json");
        for (Disagreement d : DISAGREEMENTS) {
            assertTrue(keys.contains(d.key()), "disagreement names no corpus entry: " + d.key());
        }
    }
}
