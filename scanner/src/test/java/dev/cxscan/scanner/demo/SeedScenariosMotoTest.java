package dev.cxscan.scanner.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.MotoTestBase;
import dev.cxscan.scanner.probes.TestScan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * Seeds each example account into moto through CloudFormation and SDK calls, scans it with every
 * probe, rule and live check, and compares the status of every live check (and of key rules) with
 * the table below. Emulator limits behind some expected values are explained in localstack/seed/README.md.
 */
class SeedScenariosMotoTest extends MotoTestBase {

    /** check id -> {compliant, noncompliant}. */
    static final Map<String, Status[]> LIVE = new LinkedHashMap<>();
    /** "check resourceId" -> {compliant, noncompliant} for rule findings (null: resource absent in that scenario). */
    static final Map<String, Status[]> RULES = new LinkedHashMap<>();

    static {
        live("root_mfa_enabled", Status.FAIL, Status.FAIL); // moto: AccountMFAEnabled is always 0
        live("root_no_access_keys", Status.PASS, Status.PASS);
        live("root_not_used_recently", Status.ERROR, Status.ERROR); // moto: no <root_account> row in the credential report
        live("account_alternate_contacts", Status.PASS, Status.FAIL);
        live("cloudtrail_multi_region_logging", Status.PASS, Status.FAIL);
        live("cloudtrail_management_events", Status.PASS, Status.FAIL);
        live("iam_admin_not_attached_to_users", Status.PASS, Status.FAIL);
        live("iam_user_console_mfa", Status.PASS, Status.FAIL);
        live("iam_access_keys_rotated", Status.PASS, Status.PASS); // moto cannot backdate keys
        live("iam_identity_federation", Status.PASS, Status.PASS); // moto: sso ListInstances always answers an instance
        live("iam_password_policy_strong", Status.PASS, Status.FAIL);
        live("network_threat_detection", Status.PASS, Status.FAIL);
        live("ebs_default_encryption", Status.PASS, Status.FAIL);
        live("iac_managed_resources", Status.FAIL, Status.FAIL); // moto stack-tags only EC2 resources: compliant 11 of 14 (S3 untagged)
        live("no_console_changes", Status.ERROR, Status.ERROR); // moto: no LookupEvents
        live("cfn_stacks_in_sync", Status.PASS, Status.PASS); // moto: no drift detection
        live("ssm_runbooks_present", Status.INFO, Status.INFO);
        live("pipeline_test_stage", Status.INFO, Status.INFO);
        live("budgets_present", Status.INFO, Status.INFO);

        rule("s3_bucket_versioning compliant-docs", Status.PASS, null);
        rule("s3_bucket_versioning noncompliant-docs", null, Status.FAIL);
        rule("s3_bucket_public_access_blocked noncompliant-docs", null, Status.FAIL);
        rule("s3_bucket_secure_transport compliant-docs", Status.PASS, null);
        rule("cloudtrail_bucket_protected compliant-trail", Status.PASS, null);
        rule("cloudtrail_bucket_dedicated compliant-trail", Status.PASS, null);
        rule("cloudtrail_bucket_not_public noncompliant-trail", null, Status.FAIL);
        rule("cloudtrail_kms_encrypted compliant-trail", Status.PASS, null);
        rule("log_group_retention /compliant/app", Status.PASS, null);
        rule("log_group_retention /noncompliant/app", null, Status.FAIL);
        rule("sns_topic_encrypted noncompliant-alerts", null, Status.FAIL);
        rule("dynamodb_pitr_enabled compliant-orders", Status.PASS, null);
        rule("dynamodb_pitr_enabled noncompliant-orders", null, Status.FAIL);
        rule("rds_storage_encrypted noncompliant-db", null, Status.FAIL);
        rule("iam_no_admin_policy ci-deployer", null, Status.FAIL);
        rule("cloudwatch_alarm_actions noncompliant-db-cpu", null, Status.FAIL);
        rule("cloudwatch_alarm_actions compliant-queue-depth", Status.PASS, null);
    }

    static void live(String id, Status compliant, Status noncompliant) {
        LIVE.put(id, new Status[] {compliant, noncompliant});
    }

    static void rule(String key, Status compliant, Status noncompliant) {
        RULES.put(key, new Status[] {compliant, noncompliant});
    }

    @ParameterizedTest
    @ValueSource(strings = {"compliant", "noncompliant"})
    void everyLiveCheckGivesTheExpectedStatus(String scenario) {
        new Seeder().seed(moto.endpoint(), scenario);
        LiveInventory inv = TestScan.read(clients, List.of(Region.US_EAST_1), TestScan.allProbes());
        int column = scenario.equals("compliant") ? 0 : 1;

        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        List<Finding> live = TestScan.liveFindings(inv);
        LIVE.forEach((id, statuses) -> {
            expected.put(id, statuses[column].name());
            List<String> got = new ArrayList<>();
            live.stream().filter(f -> f.check().equals(id)).forEach(f -> got.add(f.status().name()));
            actual.put(id, got.size() == 1 ? got.get(0) : got.toString());
        });
        List<Finding> rules = TestScan.ruleFindings(inv);
        RULES.forEach((key, statuses) -> {
            Status want = statuses[column];
            if (want == null) {
                return;
            }
            String[] parts = key.split(" ", 2);
            expected.put(key, want.name());
            List<String> got = new ArrayList<>();
            rules.stream().filter(f -> f.check().equals(parts[0]) && f.resource().id().equals(parts[1])).forEach(f -> got.add(f.status().name()));
            actual.put(key, got.size() == 1 ? got.get(0) : got.toString());
        });
        StringBuilder messages = new StringBuilder();
        live.forEach(f -> messages.append("\n  ").append(f.check()).append(' ').append(f.status()).append(": ").append(f.message()));
        assertEquals(expected, actual, scenario + " live findings:" + messages);
    }
}
