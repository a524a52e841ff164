package dev.cxscan.checks.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateFormatException;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance against the checkov / cfn_nag / guard corpus in src/test/resources/conformance:
 * every template is parsed and run through all registered rules; for each expected.json entry whose
 * upstream check is mapped (conformance-mapping.json) to cxscan checks, the resource is FAIL in
 * cxscan when any mapped check fails it, and that is compared with the upstream expectation.
 *
 * <p>Entries whose mapped checks are not all registered (rules written on other branches) are
 * "pending: no rule" and counted apart. Deliberate disagreements are listed in
 * {@link #KNOWN_DISAGREEMENTS} with the reason, excluded from the totals, and must really disagree
 * whenever their rules exist, so the list cannot go stale. The per-check table is printed to stdout.
 */
class ConformanceTest {
    private static final double MIN_AGREEMENT = 0.90;

    /** template#logicalId#upstreamCheck -> why cxscan judges differently on purpose. */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.ofEntries(
            // AWS changed a default
            Map.entry("templates/cfn_nag/json/s3_bucket/buckets_with_no_encryption.json#S3BucketEncryptionNotSet#W41",
                    "S3 encrypts new objects with SSE-S3 by default since January 2023; checkov CKV_AWS_19 agrees"),
            Map.entry("templates/guard/s3_bucket_server_side_encryption_enabled/case04-fail.yaml#ExampleS3#S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
                    "S3 encrypts new objects with SSE-S3 by default since January 2023"),
            Map.entry("templates/checkov/SQSQueueEncryption/test_SQSQueueEncryption-FAILED2.yml#MySourceQueue#CKV_AWS_27",
                    "SSE-SQS is on by default for new queues (CHECKS.md sqs_queue_encrypted)"),
            Map.entry("templates/cfn_nag/yaml/sqs/sqs_queue_kms_master_key_id_not_defined.yaml#SqsQueue2#W48",
                    "SSE-SQS is on by default for new queues (CHECKS.md sqs_queue_encrypted)"),
            Map.entry("templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml#S3BucketNoProps#CKV_AWS_56",
                    "S3 Block Public Access is on by default for new buckets since April 2023"),
            Map.entry("templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml#S3Bucket3#CKV_AWS_56",
                    "S3 Block Public Access is on by default for new buckets since April 2023 (private ACL, no configuration)"),
            Map.entry("templates/guard/s3_bucket_level_public_access_prohibited/case04-fail.yaml#ExampleS3#S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
                    "S3 Block Public Access is on by default for new buckets since April 2023"),
            Map.entry("templates/checkov/MSKClusterEncryption/MSKClusterEncryption-FAIL.yaml#MSKClusterFAILskip#CKV_AWS_81",
                    "MSK defaults to ClientBroker TLS and InCluster true when EncryptionInfo is absent"),
            // cxscan's threshold or scope differs on purpose
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml#RDSDBInstanceWithNonZeroBackupRetentionPeriod#W75",
                    "5 days: cxscan asks for 7 or more (rds_backup_retention), W75 for more than 0"),
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml#RDSDBInstanceWithStringNonZeroBackupRetentionPeriod#W75",
                    "\"5\" days: cxscan asks for 7 or more, W75 for more than 0"),
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_without_backup_retention_period.yaml#RDSDBInstanceWithoutBackupRetentionPeriod#W75",
                    "absent = AWS default of 1 day: below cxscan's 7; the upstreams disagree too (guard DB_INSTANCE_BACKUP_ENABLED case06 fails absent)"),
            Map.entry("templates/guard/db_instance_backup_enabled/case02-pass.yaml#ExampleRDS#DB_INSTANCE_BACKUP_ENABLED",
                    "1 day: cxscan asks for 7 or more, the guard rule for more than 0"),
            Map.entry("templates/cfn_nag/json/security_group/dangling_allprotocols_ingress_rule.json#IpProtocol_minus_1_str#W42",
                    "protocol -1 from 1.2.3.5/16: W42 flags any CIDR, NETSEC-001 is about ingress from anywhere"),
            Map.entry("templates/cfn_nag/json/security_group/dangling_allprotocols_ingress_rule.json#danglingIngress#W42",
                    "protocol -1 from 1.2.3.5/16: W42 flags any CIDR, NETSEC-001 is about ingress from anywhere"),
            Map.entry("templates/guard/cloudwatch_alarm_action_check/case03-pass.yaml#ExampleCWA#CLOUDWATCH_ALARM_ACTION_CHECK",
                    "only OKActions: cxscan's cloudwatch_alarm_actions asks for an alarm action"),
            Map.entry("templates/guard/cloudwatch_alarm_action_check/case04-pass.yaml#ExampleCWA#CLOUDWATCH_ALARM_ACTION_CHECK",
                    "only InsufficientDataActions: cxscan's cloudwatch_alarm_actions asks for an alarm action"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static JsonNode expected;
    private static JsonNode mapping;
    private static Set<String> registered;
    private static List<Outcome> outcomes;

    /** One expected.json entry and what cxscan said about it. */
    record Outcome(JsonNode entry, String key, List<String> mapped, List<String> missingRules, boolean cxFail,
                   boolean noFinding, String detail) {
        String checkId() {
            return entry.path("check_id").asText();
        }

        boolean upstreamFailed() {
            return entry.path("expected").asText().equals("FAILED");
        }

        boolean pending() {
            return !missingRules.isEmpty();
        }

        boolean agrees() {
            return upstreamFailed() == cxFail;
        }

        boolean known() {
            return KNOWN_DISAGREEMENTS.containsKey(key);
        }
    }

    @BeforeAll
    static void run() throws Exception {
        root = corpusRoot();
        expected = JSON.readTree(Files.readAllBytes(root.resolve("expected.json")));
        mapping = JSON.readTree(Files.readAllBytes(mappingFile()));
        List<Rule> rules = Rules.all();
        registered = new TreeSet<>();
        rules.forEach(r -> registered.add(r.check().id()));
        RuleEngine engine = new RuleEngine(rules);

        Map<String, Map<String, List<Finding>>> byTemplate = new HashMap<>();
        Map<String, Template> templates = new HashMap<>();
        Map<String, String> parseErrors = new HashMap<>();
        outcomes = new ArrayList<>();
        for (JsonNode e : expected.path("entries")) {
            JsonNode m = mapping.path("mapped").path(e.path("check_id").asText());
            if (m.isMissingNode()) {
                continue;
            }
            String file = e.path("template").asText();
            if (!byTemplate.containsKey(file) && !parseErrors.containsKey(file)) {
                try {
                    Template t = TemplateParser.parse(file, Files.readAllBytes(root.resolve(file)));
                    templates.put(file, t);
                    Map<String, List<Finding>> index = new HashMap<>();
                    for (Finding f : engine.evaluate(t.resourceSet(), new Diagnostics())) {
                        index.computeIfAbsent(f.resource().id(), k -> new ArrayList<>()).add(f);
                    }
                    byTemplate.put(file, index);
                } catch (TemplateFormatException ex) {
                    parseErrors.put(file, ex.getMessage());
                }
            }
            List<String> mapped = new ArrayList<>();
            m.path("cxscan").forEach(n -> mapped.add(n.asText()));
            List<String> missing = mapped.stream().filter(id -> !registered.contains(id)).toList();
            String key = file + "#" + e.path("logical_id").asText() + "#" + e.path("check_id").asText();
            if (parseErrors.containsKey(file)) {
                outcomes.add(new Outcome(e, key, mapped, missing, false, true, "template does not parse: " + parseErrors.get(file)));
                continue;
            }
            Set<String> ids = judgedIds(e, templates.get(file));
            List<Finding> relevant = new ArrayList<>();
            for (String id : ids) {
                for (Finding f : byTemplate.get(file).getOrDefault(id, List.of())) {
                    if (mapped.contains(f.check())) {
                        relevant.add(f);
                    }
                }
            }
            boolean fail = relevant.stream().anyMatch(f -> f.status() == Status.FAIL);
            String detail = relevant.isEmpty() ? "no finding"
                    : String.join("; ", relevant.stream().map(f -> f.check() + " " + f.status() + " " + f.resource().id()
                            + ": " + f.message()).toList());
            outcomes.add(new Outcome(e, key, mapped, missing, fail, relevant.isEmpty(), detail));
        }
        printReport();
    }

    /** The logical id, plus the bucket for an upstream check on an S3 bucket policy. */
    private static Set<String> judgedIds(JsonNode entry, Template template) {
        Set<String> ids = new LinkedHashSet<>();
        String id = entry.path("logical_id").asText();
        ids.add(id);
        if (entry.path("resource_type").asText().equals("AWS::S3::BucketPolicy")) {
            template.resources().stream().filter(r -> r.id().equals(id)).findFirst()
                    .flatMap(policy -> template.resourceSet().resolveReference(policy.property("Bucket")))
                    .map(Resource::id).ifPresent(ids::add);
        }
        return ids;
    }

    private static void printReport() {
        Map<String, List<Outcome>> byCheck = new LinkedHashMap<>();
        outcomes.forEach(o -> byCheck.computeIfAbsent(o.checkId(), k -> new ArrayList<>()).add(o));
        StringBuilder out = new StringBuilder("\n=== cxscan conformance (checkov, cfn_nag, guard) ===\n");
        out.append(String.format(Locale.ROOT, "%-8s %-42s %-50s %-9s %-9s %s%n", "source", "upstream check", "cxscan checks",
                "FAILED", "PASSED", "notes"));
        for (Map.Entry<String, List<Outcome>> e : byCheck.entrySet()) {
            List<Outcome> os = e.getValue();
            Outcome first = os.get(0);
            String notes;
            String failCol;
            String passCol;
            if (first.pending()) {
                failCol = count(os, true) + " ?";
                passCol = count(os, false) + " ?";
                notes = "pending: no rule " + String.join(",", first.missingRules());
            } else {
                failCol = agreeing(os, true) + "/" + count(os, true);
                passCol = agreeing(os, false) + "/" + count(os, false);
                long known = os.stream().filter(Outcome::known).count();
                long none = os.stream().filter(Outcome::noFinding).count();
                notes = (known > 0 ? known + " known disagreement(s) " : "") + (none > 0 ? none + " without finding" : "");
            }
            out.append(String.format(Locale.ROOT, "%-8s %-42s %-50s %-9s %-9s %s%n", shortSource(first),
                    e.getKey(), String.join(",", first.mapped()), failCol, passCol, notes.trim()));
        }
        Totals t = totals();
        out.append(String.format(Locale.ROOT, "%nentries in mapped upstream checks: %d; evaluated: %d; known disagreements: %d; "
                + "pending (no rule yet): %d%n", outcomes.size(), t.evaluated(), t.known(), t.pending()));
        out.append(String.format(Locale.ROOT, "upstream FAILED that cxscan FAILs:     %d/%d = %s%n", t.failAgree(), t.failTotal(),
                pct(t.failAgree(), t.failTotal())));
        out.append(String.format(Locale.ROOT, "upstream PASSED that cxscan does not FAIL: %d/%d = %s%n", t.passAgree(), t.passTotal(),
                pct(t.passAgree(), t.passTotal())));
        List<Outcome> unexpected = outcomes.stream().filter(o -> !o.pending() && !o.known() && !o.agrees()).toList();
        if (!unexpected.isEmpty()) {
            out.append("disagreements not in KNOWN_DISAGREEMENTS:\n");
            unexpected.forEach(o -> out.append("  ").append(o.key()).append(" upstream ").append(o.entry().path("expected").asText())
                    .append(", cxscan ").append(o.detail()).append('\n'));
        }
        System.out.println(out);
    }

    private static String shortSource(Outcome o) {
        String s = o.entry().path("source").asText();
        return s.startsWith("aws-guard") ? "guard" : s;
    }

    private static long count(List<Outcome> os, boolean failed) {
        return os.stream().filter(o -> o.upstreamFailed() == failed).count();
    }

    private static long agreeing(List<Outcome> os, boolean failed) {
        return os.stream().filter(o -> o.upstreamFailed() == failed && o.agrees()).count();
    }

    private static String pct(long a, long b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * a / b);
    }

    record Totals(long evaluated, long known, long pending, long failAgree, long failTotal, long passAgree, long passTotal) {
    }

    private static Totals totals() {
        List<Outcome> counted = outcomes.stream().filter(o -> !o.pending() && !o.known()).toList();
        return new Totals(outcomes.stream().filter(o -> !o.pending()).count(),
                outcomes.stream().filter(o -> !o.pending() && o.known()).count(),
                outcomes.stream().filter(Outcome::pending).count(),
                counted.stream().filter(o -> o.upstreamFailed() && o.cxFail()).count(),
                counted.stream().filter(Outcome::upstreamFailed).count(),
                counted.stream().filter(o -> !o.upstreamFailed() && !o.cxFail()).count(),
                counted.stream().filter(o -> !o.upstreamFailed()).count());
    }

    @Test
    void agreesOnUpstreamFailures() {
        Totals t = totals();
        assertTrue(t.failTotal() > 0, "no evaluated FAILED entry: the harness measured nothing");
        assertTrue(t.failAgree() >= MIN_AGREEMENT * t.failTotal(),
                "cxscan FAILs only " + pct(t.failAgree(), t.failTotal()) + " of the upstream FAILED resources (see the table above)");
    }

    @Test
    void agreesOnUpstreamPasses() {
        Totals t = totals();
        assertTrue(t.passTotal() > 0, "no evaluated PASSED entry: the harness measured nothing");
        assertTrue(t.passAgree() >= MIN_AGREEMENT * t.passTotal(),
                "cxscan FAILs " + pct(t.passTotal() - t.passAgree(), t.passTotal()) + " of the upstream PASSED resources");
    }

    @Test
    void knownDisagreementsStillDisagree() {
        Map<String, Outcome> byKey = new HashMap<>();
        outcomes.forEach(o -> byKey.put(o.key(), o));
        List<String> stale = new ArrayList<>();
        for (String key : KNOWN_DISAGREEMENTS.keySet()) {
            Outcome o = byKey.get(key);
            if (o == null) {
                stale.add(key + ": no such entry of a mapped upstream check in expected.json");
            } else if (!o.pending() && o.agrees()) {
                stale.add(key + ": cxscan now agrees with upstream (" + o.detail() + ")");
            }
        }
        assertEquals(List.of(), stale, "stale KNOWN_DISAGREEMENTS entries");
    }

    @Test
    void mappingCoversEveryUpstreamCheckOnceAndNamesCatalogChecks() {
        Set<String> upstream = new TreeSet<>();
        expected.path("entries").forEach(e -> upstream.add(e.path("check_id").asText()));
        List<String> problems = new ArrayList<>();
        for (String id : upstream) {
            boolean mapped = mapping.path("mapped").has(id);
            boolean unmapped = mapping.path("unmapped").has(id);
            if (mapped == unmapped) {
                problems.add(id + (mapped ? " is both mapped and unmapped" : " is neither mapped nor unmapped"));
            }
        }
        mapping.path("mapped").fields().forEachRemaining(f -> {
            if (!upstream.contains(f.getKey())) {
                problems.add(f.getKey() + " is mapped but not in expected.json");
            }
            if (f.getValue().path("cxscan").isEmpty()) {
                problems.add(f.getKey() + " maps to no cxscan check");
            }
            f.getValue().path("cxscan").forEach(c -> {
                if (ControlCatalog.bundled().check(c.asText()).isEmpty()) {
                    problems.add(f.getKey() + " maps to " + c.asText() + ", which is not in the check catalog");
                }
            });
        });
        mapping.path("unmapped").fields().forEachRemaining(f -> {
            if (f.getValue().path("reason").asText().isBlank()) {
                problems.add(f.getKey() + " is unmapped without a reason");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTemplateOfAMappedCheckParses() {
        List<String> broken = outcomes.stream().filter(o -> o.detail().startsWith("template does not parse"))
                .map(o -> o.key() + ": " + o.detail()).distinct().toList();
        assertEquals(List.of(), broken);
    }

    private static Path corpusRoot() throws URISyntaxException {
        URL url = ConformanceTest.class.getResource("/conformance/expected.json");
        if (url != null && url.getProtocol().equals("file")) {
            return Path.of(url.toURI()).getParent();
        }
        for (String candidate : List.of("src/test/resources/conformance", "cdk-checks/src/test/resources/conformance")) {
            if (Files.isRegularFile(Path.of(candidate, "expected.json"))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("conformance/expected.json is neither on the classpath nor in the module folder");
    }

    private static Path mappingFile() {
        Path p = root.resolveSibling("conformance-mapping.json");
        if (Files.isRegularFile(p)) {
            return p;
        }
        throw new IllegalStateException("conformance-mapping.json not found next to " + root);
    }
}
