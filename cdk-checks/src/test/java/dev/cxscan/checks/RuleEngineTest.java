package dev.cxscan.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.s3.S3BucketEncrypted;
import dev.cxscan.checks.template.Template;
import dev.cxscan.checks.template.TemplateParser;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    /** A test-only rule over AWS::SQS::Queue whose logic the test supplies. */
    static final class QueueRule extends AbstractRule {
        static final Check CHECK = Check.of("test_queue_rule", "test rule", Severity.HIGH, "REL-001", "none");
        private final BiFunction<Resource, RuleContext, Verdict> logic;

        QueueRule(BiFunction<Resource, RuleContext, Verdict> logic) {
            super(CHECK, "AWS::SQS::Queue");
            this.logic = logic;
        }

        @Override
        public Verdict evaluate(Resource resource, RuleContext context) {
            return logic.apply(resource, context);
        }
    }

    /** Passes when the queue declares KmsMasterKeyId, fails when it is absent. */
    static final QueueRule KMS_REQUIRED = new QueueRule((r, c) -> r.has("KmsMasterKeyId")
            ? Verdict.pass("KmsMasterKeyId " + Values.describe(r.property("KmsMasterKeyId")))
            : Verdict.fail("KmsMasterKeyId is absent"));

    static List<Finding> run(Rule rule, String template, Diagnostics diagnostics) throws Exception {
        Template t = TemplateParser.parse("t.yaml", template.getBytes(StandardCharsets.UTF_8));
        return new RuleEngine(List.of(rule)).evaluate(t.resourceSet(), diagnostics);
    }

    static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings::toString);
        return findings.get(0);
    }

    private static final String S3_IF = """
            Conditions:
              UseKms: !Equals [!Ref Mode, kms]
            Resources:
              DataBucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: !If [UseKms, 'aws:kms', %s]
            """;

    @Test
    void fnIfWithAFailingBranchFailsAndNamesTheCondition() throws Exception {
        Finding f = only(run(new S3BucketEncrypted(), S3_IF.formatted("'none'"), new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("'none'"), f.message());
        assertTrue(f.message().contains("condition UseKms is false"), f.message());
        assertEquals("DataBucket", f.resource().id());
        assertEquals(4, f.resource().line());
    }

    @Test
    void fnIfWithBothBranchesPassingPasses() throws Exception {
        Finding f = only(run(new S3BucketEncrypted(), S3_IF.formatted("AES256"), new Diagnostics()));
        assertEquals(Status.PASS, f.status(), f.message());
        assertFalse(f.message().contains("condition"), f.message());
    }

    @Test
    void fnIfInJsonTemplatesToo() throws Exception {
        String json = """
                {"Resources": {"Bucket83908E77": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption":
                  {"Fn::If": ["IsProd",
                    {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]},
                    {"ServerSideEncryptionConfiguration": []}]}},
                  "Metadata": {"aws:cdk:path": "App/Bucket/Resource"}}}}
                """;
        Finding f = only(run(new S3BucketEncrypted(), json, new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("no ServerSideEncryptionConfiguration rule")
                && f.message().contains("condition IsProd is false"), f.message());
        assertEquals("App/Bucket/Resource", f.resource().cdkPath());
    }

    @Test
    void noValueBranchRemovesTheProperty() throws Exception {
        String template = """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      KmsMasterKeyId: !If [Encrypt, alias/aws/sqs, !Ref AWS::NoValue]
                """;
        Finding f = only(run(KMS_REQUIRED, template, new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
        assertEquals("KmsMasterKeyId is absent (when condition Encrypt is false)", f.message());
    }

    @Test
    void noValueBranchOfAWholePropertyBlockForS3MeansTheDefault() throws Exception {
        String template = """
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketEncryption: !If
                        - Custom
                        - ServerSideEncryptionConfiguration:
                            - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms'}
                        - !Ref AWS::NoValue
                """;
        Finding f = only(run(new S3BucketEncrypted(), template, new Diagnostics()));
        assertEquals(Status.PASS, f.status(), f.message());
    }

    @Test
    void failingCombinationOfTwoConditionsIsNamed() throws Exception {
        String template = """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      KmsMasterKeyId: !If [A, !If [B, key-ab, !Ref AWS::NoValue], key-a-false]
                """;
        Finding f = only(run(KMS_REQUIRED, template, new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("condition A is true") && f.message().contains("condition B is false"), f.message());
    }

    @Test
    void ruleThatThrowsGivesAnErrorFindingAndOtherResourcesAreStillJudged() throws Exception {
        QueueRule throwing = new QueueRule((r, c) -> {
            if (r.id().equals("Bad")) {
                throw new IllegalStateException("boom");
            }
            return Verdict.pass("fine");
        });
        String template = """
                Resources:
                  Bad: {Type: AWS::SQS::Queue}
                  Good: {Type: AWS::SQS::Queue}
                """;
        List<Finding> findings = run(throwing, template, new Diagnostics());
        assertEquals(2, findings.size());
        Finding bad = findings.stream().filter(f -> f.resource().id().equals("Bad")).findFirst().orElseThrow();
        assertEquals(Status.ERROR, bad.status());
        assertTrue(bad.message().contains("test_queue_rule") && bad.message().contains("Bad")
                && bad.message().contains("boom"), bad.message());
        assertEquals(Status.PASS, findings.stream().filter(f -> f.resource().id().equals("Good")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void ruleReturningNullIsAnError() throws Exception {
        Finding f = only(run(new QueueRule((r, c) -> null), "Resources:\n  Q: {Type: AWS::SQS::Queue}\n", new Diagnostics()));
        assertEquals(Status.ERROR, f.status());
    }

    @Test
    void failOnOneBranchBeatsErrorOnAnother() throws Exception {
        QueueRule rule = new QueueRule((r, c) -> {
            if (r.has("KmsMasterKeyId")) {
                throw new IllegalArgumentException("odd");
            }
            return Verdict.fail("absent");
        });
        String template = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                + "      KmsMasterKeyId: !If [C, k, !Ref AWS::NoValue]\n";
        Finding f = only(run(rule, template, new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
        assertTrue(f.message().contains("condition C is false"), f.message());
    }

    @Test
    void notApplicableGivesNoFindingAndOtherTypesAreNotEvaluated() throws Exception {
        QueueRule rule = new QueueRule((r, c) -> Verdict.notApplicable());
        String template = "Resources:\n  Q: {Type: AWS::SQS::Queue}\n  B: {Type: AWS::S3::Bucket}\n";
        assertEquals(List.of(), run(rule, template, new Diagnostics()));
    }

    @Test
    void oneFindingPerResourceWithFileAndSeverity() throws Exception {
        String template = "Resources:\n  A: {Type: AWS::SQS::Queue}\n  B:\n    Type: AWS::SQS::Queue\n"
                + "    Properties: {KmsMasterKeyId: alias/x}\n";
        List<Finding> findings = run(KMS_REQUIRED, template, new Diagnostics());
        assertEquals(List.of("A", "B"), findings.stream().map(f -> f.resource().id()).toList());
        assertEquals(List.of(Status.FAIL, Status.PASS), findings.stream().map(Finding::status).toList());
        assertEquals(Severity.HIGH, findings.get(0).severity());
        assertEquals("t.yaml", findings.get(0).resource().file());
        assertEquals(List.of("REL-001"), findings.get(0).controls());
    }
}
