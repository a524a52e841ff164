package dev.cxscan.checks.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.checks.Rules;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateFormatException;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.Status;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance against the checkov / cfn_nag / guard corpus in src/test/resources/conformance, the
 * one place where cxscan is compared with the upstream scanners: every template is parsed and run
 * through all registered rules; for each expected.json entry whose upstream check is mapped
 * (conformance-mapping.json) to cxscan checks, the resource is FAIL in cxscan when any mapped check
 * fails it (an unresolved value counts, as it is one; no finding counts as not failing), and that is
 * compared with the upstream expectation.
 *
 * <p>Every disagreement must be explained: deliberate ones are listed in {@link #KNOWN_DISAGREEMENTS}
 * with the reason (what AWS does today, or which CHECKS.md semantics differs from which upstream),
 * are excluded from the agreement figures, and must still disagree, so the list cannot go stale. A
 * rule's own verdicts on corpus templates that no upstream entry covers belong in the rule's test
 * class. The per-check table is printed to stdout.
 */
class ConformanceTest {
    private static final double MIN_AGREEMENT = 0.90;

    private static final String SSE_SQS = "SSE-SQS (SQS managed keys) is on for every new queue since October 2022 unless "
            + "SqsManagedSseEnabled is false; CHECKS.md sqs_queue_encrypted accepts it. ";
    private static final String S3_SSE_DEFAULT = "S3 applies SSE-S3 to every new object of every bucket since 5 January 2023, "
            + "so a bucket without BucketEncryption is encrypted; checkov CKV_AWS_19 passes such a bucket (ExampleS3.yaml), ";
    private static final String S3_BPA_DEFAULT = "since April 2023 new buckets get all four Block Public Access settings on "
            + "unless the template turns them off, so a bucket without PublicAccessBlockConfiguration is blocked; ";
    private static final String RDS_7_DAYS = "CHECKS.md rds_backup_retention asks for BackupRetentionPeriod >= 7 days; ";
    private static final String ALARM_ACTION = "CHECKS.md cloudwatch_alarm_actions asks for an AlarmActions entry (what runs when "
            + "the alarm fires); guard CLOUDWATCH_ALARM_ACTION_CHECK accepts any one of alarm, OK or insufficient-data actions, ";
    private static final String NOT_FROM_ANYWHERE = "CHECKS.md (NETSEC-001) judges only traffic from anywhere (0.0.0.0/0, ::/0); ";
    private static final String CKV_AWS_260 = "ingress from anywhere to port 80 only: CHECKS.md ec2_sg_public_ingress_web_only "
            + "allows 80 and 443 from anywhere (public web endpoints, HTTP for the redirect to HTTPS); checkov CKV_AWS_260 flags "
            + "port 80 from anywhere";
    private static final String NLB_NOT_ENCRYPTING = " listener of an internet-facing NLB does not encrypt client traffic; CHECKS.md "
            + "elbv2_listener_encrypted asks for HTTPS/TLS (TLS passed through to the targets needs a suppression with that "
            + "reason, as the template cannot show it); checkov CKV_AWS_2 passes TCP, UDP and TCP_UDP listeners";

    /** template#logicalId#upstreamCheck -> why cxscan judges differently on purpose. */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.ofEntries(
            // AWS changed a default after the upstream test was written
            Map.entry("templates/cfn_nag/json/s3_bucket/buckets_with_no_encryption.json#S3BucketEncryptionNotSet#W41",
                    S3_SSE_DEFAULT + "cfn_nag W41 (written before 2023) fails it"),
            Map.entry("templates/guard/s3_bucket_server_side_encryption_enabled/case04-fail.yaml#ExampleS3#S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
                    S3_SSE_DEFAULT + "guard S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED fails it"),
            Map.entry("templates/checkov/SQSQueueEncryption/test_SQSQueueEncryption-FAILED.yml#MySourceQueue#CKV_AWS_27",
                    SSE_SQS + "KmsMasterKeyId \"\" names no key, so the queue gets SSE-SQS; checkov CKV_AWS_27 asks for a KMS key"),
            Map.entry("templates/checkov/SQSQueueEncryption/test_SQSQueueEncryption-FAILED2.yml#MySourceQueue#CKV_AWS_27",
                    SSE_SQS + "No encryption property at all; checkov CKV_AWS_27 asks for a KMS key"),
            Map.entry("templates/cfn_nag/yaml/sqs/sqs_queue_kms_master_key_id_not_defined.yaml#SqsQueue2#W48",
                    SSE_SQS + "cfn_nag W48 (written before the change) asks for KmsMasterKeyId"),
            Map.entry("templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml#S3BucketNoProps#CKV_AWS_56",
                    S3_BPA_DEFAULT + "checkov CKV_AWS_56 asks for RestrictPublicBuckets to be written"),
            Map.entry("templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml#S3Bucket3#CKV_AWS_56",
                    S3_BPA_DEFAULT + "this bucket only sets AccessControl Private; checkov CKV_AWS_56 asks for RestrictPublicBuckets "
                            + "to be written"),
            Map.entry("templates/guard/s3_bucket_level_public_access_prohibited/case04-fail.yaml#ExampleS3#S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
                    S3_BPA_DEFAULT + "guard S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED asks for the four flags to be written"),
            Map.entry("templates/checkov/MSKClusterEncryption/MSKClusterEncryption-FAIL.yaml#MSKClusterFAILskip#CKV_AWS_81",
                    "no EncryptionInfo: MSK then encrypts at rest with an AWS managed key and uses ClientBroker TLS and "
                            + "InCluster true (the API defaults), so msk_cluster_encrypted passes; checkov CKV_AWS_81 asks for "
                            + "EncryptionInfo to be written"),
            // cxscan's threshold or scope differs on purpose
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml#RDSDBInstanceWithNonZeroBackupRetentionPeriod#W75",
                    RDS_7_DAYS + "this instance keeps 5; cfn_nag W75 only asks for more than 0"),
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_with_backup_retention_period.yaml#RDSDBInstanceWithStringNonZeroBackupRetentionPeriod#W75",
                    RDS_7_DAYS + "this instance keeps \"5\" (a string); cfn_nag W75 only asks for more than 0"),
            Map.entry("templates/cfn_nag/yaml/rds_dbinstance/rds_dbinstance_without_backup_retention_period.yaml#RDSDBInstanceWithoutBackupRetentionPeriod#W75",
                    RDS_7_DAYS + "absent means the RDS default of 1 day; cfn_nag W75 passes absent (> 0), while guard "
                            + "DB_INSTANCE_BACKUP_ENABLED fails absent (its case06), so the upstreams disagree too"),
            Map.entry("templates/guard/db_instance_backup_enabled/case02-pass.yaml#ExampleRDS#DB_INSTANCE_BACKUP_ENABLED",
                    RDS_7_DAYS + "this instance keeps 1 day; guard DB_INSTANCE_BACKUP_ENABLED only asks for backups on (> 0)"),
            Map.entry("templates/guard/cloudwatch_alarm_action_check/case03-pass.yaml#ExampleCWA#CLOUDWATCH_ALARM_ACTION_CHECK",
                    ALARM_ACTION + "and this alarm has only OKActions"),
            Map.entry("templates/guard/cloudwatch_alarm_action_check/case04-pass.yaml#ExampleCWA#CLOUDWATCH_ALARM_ACTION_CHECK",
                    ALARM_ACTION + "and this alarm has only InsufficientDataActions"),
            Map.entry("templates/checkov/DynamoDBTablesEncrypted/FAILED.yaml#DefaultEncryption#CKV_AWS_119",
                    "SSEEnabled true without KMSMasterKeyId is SSE-KMS with the AWS managed key aws/dynamodb: CHECKS.md "
                            + "dynamodb_kms_encrypted asks for KMS (DynamoDB always encrypts), not for a customer managed key; "
                            + "checkov CKV_AWS_119 asks for a customer managed key"),
            Map.entry("templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-TCP.yaml#ListenerHTTPS#CKV_AWS_2",
                    "a TCP" + NLB_NOT_ENCRYPTING),
            Map.entry("templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-TCP_UDP.yaml#ListenerHTTPS#CKV_AWS_2",
                    "a TCP_UDP" + NLB_NOT_ENCRYPTING),
            Map.entry("templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-UDP.yaml#ListenerHTTPS#CKV_AWS_2",
                    "a UDP" + NLB_NOT_ENCRYPTING),
            Map.entry("templates/checkov/ALBListenerTLS12/ALBListenerTLS1.2-FAILED.yaml#ListenerHTTPFAILED1#CKV_AWS_103",
                    "an HTTP listener that forwards has no TLS policy: elbv2_tls_policy_modern judges the SslPolicy of HTTPS/TLS "
                            + "listeners only and gives no finding, elbv2_listener_encrypted fails this listener instead; "
                            + "checkov CKV_AWS_103 also fails HTTP listeners that do not redirect to HTTPS"),
            Map.entry("templates/guard/encrypted_volumes/case02-pass.yaml#ExampleVolume#ENCRYPTED_VOLUMES",
                    "KmsKeyId is !Ref KeyId, which names neither a resource nor a parameter with a default: a value the "
                            + "template cannot show is reported unresolved (a FAIL), never a pass; guard ENCRYPTED_VOLUMES only "
                            + "checks that KmsKeyId is non-empty"),
            Map.entry("templates/guard/cloud_trail_cloud_watch_logs_enabled/case02-pass.yaml#ExampleTrail#CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
                    "CloudWatchLogsLogGroupArn is set without CloudWatchLogsRoleArn: CloudTrail needs both to deliver (the "
                            + "CreateTrail API rejects one without the other), so cloudtrail_cloudwatch_logs fails and names the "
                            + "missing role; guard CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED looks at the log group only"),
            Map.entry("templates/cfn_nag/json/iam_role/iam_role_with_wildcard_action_on_trust.json#WildcardActionRole#F2",
                    "Action \"*\" in the trust policy of a role trusting the EC2 service: iam_no_wildcard_actions judges "
                            + "permission policies only; a trust policy can only grant sts:AssumeRole*, sts:TagSession and "
                            + "sts:SetSourceIdentity to its principal, and who may assume is iam_role_trust_restricted's question "
                            + "(EC2 service: passes); cfn_nag F2 flags Action \"*\" in trust policies"),
            // NETSEC-001: only traffic from anywhere, admin ports, 80/443 allowed
            Map.entry("templates/cfn_nag/json/security_group/dangling_allprotocols_ingress_rule.json#IpProtocol_minus_1_str#W42",
                    NOT_FROM_ANYWHERE + "protocol \"-1\" from 1.2.3.5/16 passes; cfn_nag W42 flags protocol -1 from any CIDR"),
            Map.entry("templates/cfn_nag/json/security_group/dangling_allprotocols_ingress_rule.json#danglingIngress#W42",
                    NOT_FROM_ANYWHERE + "protocol -1 from 1.2.3.5/16 passes; cfn_nag W42 flags protocol -1 from any CIDR"),
            Map.entry("templates/checkov/SecurityGroupUnrestrictedIngress80/SecurityGroupUnrestrictedIngress80-FAILED.yaml#InstanceSecurityGroup#CKV_AWS_260",
                    CKV_AWS_260),
            Map.entry("templates/checkov/SecurityGroupUnrestrictedIngress80/SecurityGroupUnrestrictedIngress80-FAILED-2.yaml#InstanceSecurityGroup#CKV_AWS_260",
                    CKV_AWS_260),
            Map.entry("templates/checkov/SecurityGroupUnrestrictedIngress80/SecurityGroupUnrestrictedIngress80-FAILED-3.yaml#InstanceSecurityGroup#CKV_AWS_260",
                    CKV_AWS_260),
            Map.entry("templates/guard/restricted_ssh/case03-pass.yaml#ExampleSecurityGroup#INCOMING_SSH_DISABLED",
                    "the second ingress rule's key is misspelt (IpProtocol\"), so it is ports 0-65535 from 0.0.0.0/0 without "
                            + "IpProtocol: guard INCOMING_SSH_DISABLED only matches IpProtocol tcp and passes it; cxscan cannot tell "
                            + "the protocol of a rule open to anywhere and reports it unresolved (EC2 would reject the rule)"),
            Map.entry("templates/guard/restricted_common_ports/case04-fail.yaml#ExampleSecurityGroup#RESTRICTED_INCOMING_TRAFFIC",
                    NOT_FROM_ANYWHERE + "tcp/20 and tcp/22 from 192.168.0.0/16 pass; guard RESTRICTED_INCOMING_TRAFFIC's "
                            + "case04 fails port 20 from that private range although the rule describes unrestricted ingress"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_all_protocols.yml#myNetworkAclEntry#W66",
                    NOT_FROM_ANYWHERE + "an all-protocol Allow entry from 10.0.0.0/16 passes; cfn_nag W66 flags protocol -1 "
                            + "from any CIDR"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_protocol_icmpv6_missing_icmp.yml#myNetworkAclEntry#W66",
                    NOT_FROM_ANYWHERE + "an ICMPv6 entry from the VPC's IPv6 block opens no admin port; cfn_nag W66 flags "
                            + "ICMPv6 without an Icmp type/code"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_protocol_icmpv6_with_icmpv4_cidrblock.yml#myNetworkAclEntry#W66",
                    NOT_FROM_ANYWHERE + "an ICMPv6 entry from 10.0.0.0/16 opens no admin port; cfn_nag W66 flags ICMPv6 "
                            + "with an IPv4 CidrBlock"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_all_ports_full_range.yml#myNetworkAclEntry#W67",
                    NOT_FROM_ANYWHERE + "UDP ports 0-65535 from 10.0.0.0/16 pass; cfn_nag W67 flags all ports from any CIDR"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_missing_port_range.yml#myNetworkAclEntry#W67",
                    NOT_FROM_ANYWHERE + "a UDP entry without PortRange from 10.0.0.0/16 passes; cfn_nag W67 flags the missing "
                            + "range (all ports) from any CIDR"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_missing_port_range_from.yml#myNetworkAclEntry#W67",
                    NOT_FROM_ANYWHERE + "a UDP entry without PortRange.From from 10.0.0.0/16 passes; cfn_nag W67 flags it "
                            + "from any CIDR"),
            Map.entry("templates/cfn_nag/yaml/ec2_networkaclentry/ec2_networkaclentry_missing_port_range_to.yml#myNetworkAclEntry#W67",
                    NOT_FROM_ANYWHERE + "a UDP entry without PortRange.To from 10.0.0.0/16 passes; cfn_nag W67 flags it "
                            + "from any CIDR"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static JsonNode expected;
    private static JsonNode mapping;
    private static Set<String> registered;
    private static List<Outcome> outcomes;
    private static List<String> errors;

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
        Map<String, ResourceSet> templates = new HashMap<>();
        Map<String, String> parseErrors = new HashMap<>();
        outcomes = new ArrayList<>();
        errors = new ArrayList<>();
        for (JsonNode e : expected.path("entries")) {
            JsonNode m = mapping.path("mapped").path(e.path("check_id").asText());
            if (m.isMissingNode()) {
                continue;
            }
            String file = e.path("template").asText();
            if (!byTemplate.containsKey(file) && !parseErrors.containsKey(file)) {
                try {
                    Template t = TemplateParser.parse(file, Files.readAllBytes(root.resolve(file)));
                    ResourceSet resources = withStandInBuckets(t);
                    templates.put(file, resources);
                    Map<String, List<Finding>> index = new HashMap<>();
                    for (Finding f : engine.evaluate(resources, new Diagnostics())) {
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
            relevant.stream().filter(f -> f.status() == Status.ERROR)
                    .forEach(f -> errors.add(key + ": " + f.check() + " " + f.resource().id() + ": " + f.message()));
            boolean fail = relevant.stream().anyMatch(f -> f.status() == Status.FAIL);
            String detail = relevant.isEmpty() ? "no finding"
                    : String.join("; ", relevant.stream().map(f -> f.check() + " " + f.status() + " " + f.resource().id()
                            + ": " + f.message()).toList());
            outcomes.add(new Outcome(e, key, mapped, missing, fail, relevant.isEmpty(), detail));
        }
        printReport();
    }

    /**
     * The template's resources, plus a bare AWS::S3::Bucket for each bucket policy whose Bucket is a
     * Ref to a name the template does not declare. guard's test inputs for S3_BUCKET_SSL_REQUESTS_ONLY
     * are such fragments (Bucket: !Ref rLogsBucket); cxscan judges the policy on its bucket, so the
     * stand-in lets s3_bucket_secure_transport see the policy. A stand-in's own findings are only
     * counted through the policy's entry.
     */
    private static ResourceSet withStandInBuckets(Template t) {
        List<Resource> resources = new ArrayList<>(t.resources());
        Set<String> ids = new HashSet<>();
        resources.forEach(r -> ids.add(r.id()));
        for (Resource r : t.resources()) {
            String bucket = r.property("Bucket", "Ref").asText("");
            if (r.type().equals("AWS::S3::BucketPolicy") && !bucket.isEmpty() && !bucket.startsWith("AWS::")
                    && !t.root().path("Parameters").has(bucket) && ids.add(bucket)) {
                ObjectNode def = JsonNodeFactory.instance.objectNode().put("Type", "AWS::S3::Bucket");
                resources.add(new Resource("AWS::S3::Bucket", bucket, def,
                        ResourceRef.template("AWS::S3::Bucket", bucket, t.path(), null, null)));
            }
        }
        return new ResourceSet(t.path(), false, resources);
    }

    /**
     * The resources whose findings stand for the entry's resource: the logical id itself; for a
     * bucket policy (guard S3_BUCKET_SSL_REQUESTS_ONLY) also the bucket it names, as cxscan judges
     * the policy there; for a security group also the standalone AWS::EC2::SecurityGroupIngress
     * resources that add rules to it (GroupId or GroupName), as cxscan reports an open standalone
     * rule on the ingress resource and the upstreams (cfn_nag W2) on its group.
     */
    private static Set<String> judgedIds(JsonNode entry, ResourceSet resources) {
        Set<String> ids = new LinkedHashSet<>();
        String id = entry.path("logical_id").asText();
        ids.add(id);
        Optional<Resource> self = resources.byId(id);
        String type = entry.path("resource_type").asText();
        if (type.equals("AWS::S3::BucketPolicy")) {
            self.flatMap(policy -> resources.resolveReference(policy.property("Bucket"))).map(Resource::id).ifPresent(ids::add);
        } else if (type.equals("AWS::EC2::SecurityGroup")) {
            for (Resource ingress : resources.resourcesOfType("AWS::EC2::SecurityGroupIngress")) {
                Optional<Resource> group = resources.resolveReference(ingress.property("GroupId"))
                        .or(() -> resources.resolveReference(ingress.property("GroupName")));
                if (group.isPresent() && group.get().id().equals(id)) {
                    ids.add(ingress.id());
                }
            }
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
        List<Outcome> evaluated = outcomes.stream().filter(o -> !o.pending()).toList();
        long rawFail = evaluated.stream().filter(Outcome::upstreamFailed).count();
        long rawPass = evaluated.size() - rawFail;
        out.append(String.format(Locale.ROOT, "counting the known disagreements too: FAILED %d/%d = %s, PASSED %d/%d = %s%n",
                agreeing(evaluated, true), rawFail, pct(agreeing(evaluated, true), rawFail),
                agreeing(evaluated, false), rawPass, pct(agreeing(evaluated, false), rawPass)));
        List<Outcome> unexpected = unexplained();
        if (!unexpected.isEmpty()) {
            out.append("disagreements not in KNOWN_DISAGREEMENTS:\n");
            unexpected.forEach(o -> out.append("  ").append(o.key()).append(" upstream ").append(o.entry().path("expected").asText())
                    .append(", cxscan ").append(o.detail()).append('\n'));
        }
        System.out.println(out);
    }

    /** Disagreements that neither the mapping nor KNOWN_DISAGREEMENTS explains. */
    private static List<Outcome> unexplained() {
        return outcomes.stream().filter(o -> !o.pending() && !o.known() && !o.agrees()).toList();
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
    void everyDisagreementIsExplained() {
        List<String> unexplained = unexplained().stream().map(o -> o.key() + ": upstream " + o.entry().path("expected").asText()
                + ", cxscan " + o.detail()).toList();
        assertEquals(List.of(), unexplained, "fix the rule or the mapping, or add the entry to KNOWN_DISAGREEMENTS with the reason");
    }

    @Test
    void mappedRulesNeverErrorOnTheCorpus() {
        assertEquals(List.of(), errors, "a rule threw or reported ERROR on an upstream template");
    }

    @Test
    void nothingIsPending() {
        List<String> pending = outcomes.stream().filter(Outcome::pending).map(o -> o.checkId() + " -> " + o.missingRules())
                .distinct().toList();
        assertEquals(List.of(), pending, "mapped cxscan checks without a registered rule");
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
