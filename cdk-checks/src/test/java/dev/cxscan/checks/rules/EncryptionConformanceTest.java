package dev.cxscan.checks.rules;

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
import dev.cxscan.checks.rules.cloudfront.CloudfrontViewerHttps;
import dev.cxscan.checks.rules.dynamodb.DynamodbKmsEncrypted;
import dev.cxscan.checks.rules.ec2.EbsVolumeEncrypted;
import dev.cxscan.checks.rules.efs.EfsEncrypted;
import dev.cxscan.checks.rules.elb.Elbv2ListenerEncrypted;
import dev.cxscan.checks.rules.elb.Elbv2TlsPolicyModern;
import dev.cxscan.checks.rules.kms.KmsKeyRotationEnabled;
import dev.cxscan.checks.rules.rds.RdsStorageEncrypted;
import dev.cxscan.checks.rules.s3.S3BucketPublicAccessBlocked;
import dev.cxscan.checks.rules.s3.S3BucketSecureTransport;
import dev.cxscan.checks.rules.sns.SnsTopicEncrypted;
import dev.cxscan.checks.rules.sqs.SqsQueueEncrypted;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.CatalogCheck;
import dev.cxscan.reports.ControlCatalog;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the NETSEC-002 rules of this package family over the upstream conformance corpus
 * (src/test/resources/conformance, checkov / cfn_nag / guard test expectations) and asserts that
 * cxscan agrees with each upstream result, except for the deliberate disagreements listed in
 * {@link #DISAGREEMENTS}, where the test asserts that cxscan still gives the opposite answer (so the
 * list cannot go stale). An upstream PASSED is met by a PASS or by no finding (the rule does not
 * judge the resource); an upstream FAILED needs a FAIL (an unresolved value counts, as it is one).
 */
class EncryptionConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Upstream check id -> the cxscan rule that judges the same thing. */
    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        Rule ebs = new EbsVolumeEncrypted();
        Rule kms = new KmsKeyRotationEnabled();
        Rule rds = new RdsStorageEncrypted();
        Rule efs = new EfsEncrypted();
        Rule sns = new SnsTopicEncrypted();
        Rule sqs = new SqsQueueEncrypted();
        Rule ddb = new DynamodbKmsEncrypted();
        Rule tls = new Elbv2TlsPolicyModern();
        Rule listener = new Elbv2ListenerEncrypted();
        Rule cloudfront = new CloudfrontViewerHttps();
        Rule pab = new S3BucketPublicAccessBlocked();
        for (String id : List.of("F1", "ENCRYPTED_VOLUMES", "CKV_AWS_3", "CKV_AWS_8")) {
            RULES.put(id, ebs);
        }
        RULES.put("F19", kms);
        RULES.put("CMK_BACKING_KEY_ROTATION_ENABLED", kms);
        RULES.put("F27", rds);
        RULES.put("CKV_AWS_16", rds);
        RULES.put("CKV_AWS_96", rds);
        RULES.put("F32", efs);
        RULES.put("CKV_AWS_42", efs);
        RULES.put("W47", sns);
        RULES.put("CKV_AWS_26", sns);
        RULES.put("W48", sqs);
        RULES.put("CKV_AWS_27", sqs);
        RULES.put("W74", ddb);
        RULES.put("CKV_AWS_119", ddb);
        RULES.put("W55", tls);
        RULES.put("CKV_AWS_103", tls);
        RULES.put("W56", listener);
        RULES.put("CKV_AWS_2", listener);
        RULES.put("ELB_TLS_HTTPS_LISTENERS_ONLY", listener);
        RULES.put("CKV_AWS_34", cloudfront);
        RULES.put("CLOUDFRONT_VIEWER_POLICY_HTTPS", cloudfront);
        RULES.put("CKV_AWS_56", pab);
        RULES.put("S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", pab);
        // the guard rule selects AWS::S3::BucketPolicy: its entries are mapped to the policy's bucket
        RULES.put("S3_BUCKET_SSL_REQUESTS_ONLY", new S3BucketSecureTransport());
    }

    /** check_id|template|logical_id -> why cxscan deliberately answers the opposite of upstream. */
    private static final Map<String, String> DISAGREEMENTS = Map.ofEntries(
            Map.entry("CKV_AWS_103|templates/checkov/ALBListenerTLS12/ALBListenerTLS1.2-FAILED.yaml|ListenerHTTPFAILED1",
                    "an HTTP listener has no TLS policy to judge: elbv2_tls_policy_modern does not apply, "
                            + "elbv2_listener_encrypted fails it instead"),
            Map.entry("CKV_AWS_2|templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-TCP.yaml|ListenerHTTPS",
                    "CHECKS.md asks for HTTPS/TLS: a TCP listener of an internet-facing NLB does not encrypt (TLS passthrough "
                            + "needs a suppression with that reason)"),
            Map.entry("CKV_AWS_2|templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-TCP_UDP.yaml|ListenerHTTPS",
                    "TCP_UDP does not encrypt client traffic"),
            Map.entry("CKV_AWS_2|templates/checkov/ALBListenerHTTPS/ALBListenerHTTPS-PASSED-UDP.yaml|ListenerHTTPS",
                    "UDP does not encrypt client traffic"),
            Map.entry("ENCRYPTED_VOLUMES|templates/guard/encrypted_volumes/case02-pass.yaml|ExampleVolume",
                    "KmsKeyId is !Ref KeyId, which names no resource and no parameter with a default: a value the template "
                            + "cannot show is reported unresolved, never a pass (guard only checks that the property is non-empty)"),
            Map.entry("CKV_AWS_119|templates/checkov/DynamoDBTablesEncrypted/FAILED.yaml|DefaultEncryption",
                    "SSEEnabled true is SSE-KMS with the AWS managed key; CHECKS.md asks for a KMS key, not a customer-managed one"),
            Map.entry("CKV_AWS_27|templates/checkov/SQSQueueEncryption/test_SQSQueueEncryption-FAILED.yml|MySourceQueue",
                    "SSE-SQS is on by default for new queues since October 2022 (KmsMasterKeyId \"\" is no key)"),
            Map.entry("CKV_AWS_27|templates/checkov/SQSQueueEncryption/test_SQSQueueEncryption-FAILED2.yml|MySourceQueue",
                    "SSE-SQS is on by default for new queues since October 2022"),
            Map.entry("W48|templates/cfn_nag/yaml/sqs/sqs_queue_kms_master_key_id_not_defined.yaml|SqsQueue2",
                    "SSE-SQS is on by default for new queues since October 2022 (cfn_nag predates it)"),
            Map.entry("CKV_AWS_56|templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml|S3BucketNoProps",
                    "new buckets get all four Block Public Access settings by default since April 2023"),
            Map.entry("CKV_AWS_56|templates/checkov/S3RestrictPublicBuckets/ExampleS3.yaml|S3Bucket3",
                    "new buckets get all four Block Public Access settings by default since April 2023 (AccessControl Private)"),
            Map.entry("S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED|templates/guard/s3_bucket_level_public_access_prohibited/case04-fail.yaml|ExampleS3",
                    "new buckets get all four Block Public Access settings by default since April 2023"));

    @TestFactory
    Stream<DynamicTest> agreesWithUpstreamExceptDocumentedDisagreements() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : entries()) {
            Rule rule = RULES.get(entry.path("check_id").asText());
            String key = entry.path("check_id").asText() + "|" + entry.path("template").asText() + "|" + entry.path("logical_id").asText();
            boolean upstreamPasses = entry.path("expected").asText().equals("PASSED");
            tests.add(DynamicTest.dynamicTest(key, () -> {
                Optional<Finding> finding = evaluate(rule, entry);
                boolean cxscanPasses = finding.map(f -> f.status() == Status.PASS).orElse(true);
                String got = finding.map(f -> f.status() + " " + f.message()).orElse("no finding");
                if (finding.isPresent()) {
                    assertTrue(finding.get().status() == Status.PASS || finding.get().status() == Status.FAIL, got);
                }
                if (DISAGREEMENTS.containsKey(key)) {
                    assertEquals(!upstreamPasses, cxscanPasses, "documented disagreement no longer holds (" + DISAGREEMENTS.get(key) + "): " + got);
                } else {
                    assertEquals(upstreamPasses, cxscanPasses, "upstream " + entry.path("expected").asText() + ", cxscan " + got);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void corpusCoversEveryMappedCheckAndEveryDisagreementExists() throws Exception {
        List<JsonNode> entries = entries();
        for (String checkId : RULES.keySet()) {
            assertTrue(entries.stream().anyMatch(e -> e.path("check_id").asText().equals(checkId)), "no entries for " + checkId);
        }
        for (String key : DISAGREEMENTS.keySet()) {
            assertTrue(entries.stream().anyMatch(e -> key.equals(e.path("check_id").asText() + "|" + e.path("template").asText()
                    + "|" + e.path("logical_id").asText())), "disagreement names no corpus entry: " + key);
        }
        assertTrue(entries.size() >= 100, "expected the NETSEC-002 entries of the corpus, got " + entries.size());
    }

    @Test
    void metadataMatchesTheCatalog() {
        for (Rule rule : RULES.values()) {
            CatalogCheck c = ControlCatalog.bundled().check(rule.check().id()).orElseThrow(() -> new AssertionError(rule.check().id()));
            assertEquals(c.severity(), rule.check().severity(), rule.check().id());
            assertEquals(c.controls(), rule.check().controls(), rule.check().id());
        }
    }

    private static List<JsonNode> entries() throws Exception {
        try (InputStream in = EncryptionConformanceTest.class.getResourceAsStream("/conformance/expected.json")) {
            JsonNode root = MAPPER.readTree(in);
            List<JsonNode> out = new ArrayList<>();
            root.path("entries").forEach(e -> {
                if (RULES.containsKey(e.path("check_id").asText())) {
                    out.add(e);
                }
            });
            return out;
        }
    }

    private static Optional<Finding> evaluate(Rule rule, JsonNode entry) throws Exception {
        String path = entry.path("template").asText();
        byte[] content;
        try (InputStream in = EncryptionConformanceTest.class.getResourceAsStream("/conformance/" + path)) {
            content = in.readAllBytes();
        }
        Template template = TemplateParser.parse(path, content);
        List<Resource> resources = new ArrayList<>(template.resources());
        String logicalId = entry.path("logical_id").asText();
        if (entry.path("resource_type").asText().equals("AWS::S3::BucketPolicy")) {
            String policyId = logicalId;
            Resource policy = resources.stream().filter(r -> r.id().equals(policyId)).findFirst().orElseThrow();
            String bucketId = policy.property("Bucket", "Ref").asText();
            if (resources.stream().noneMatch(r -> r.id().equals(bucketId))) {
                ObjectNode def = JsonNodeFactory.instance.objectNode().put("Type", "AWS::S3::Bucket");
                resources.add(new Resource("AWS::S3::Bucket", bucketId, def,
                        ResourceRef.template("AWS::S3::Bucket", bucketId, path, null, null)));
            }
            logicalId = bucketId;
        }
        String id = logicalId;
        List<Finding> findings = new RuleEngine(List.of(rule)).evaluate(new ResourceSet(path, false, resources), new Diagnostics());
        List<Finding> mine = findings.stream().filter(f -> f.resource().id().equals(id)).toList();
        assertTrue(mine.size() <= 1, "several findings for " + id + ": " + mine);
        return mine.stream().findFirst();
    }
}
