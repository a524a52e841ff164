package dev.cxscan.checks;

import static dev.cxscan.checks.RuleEngineTest.only;
import static dev.cxscan.checks.RuleEngineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.s3.S3BucketEncrypted;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    /**
     * A CDK-synthesized bucket that fails s3_bucket_encrypted, with the given Metadata entries added
     * (written with single quotes for readability).
     */
    private static String failingBucket(String metadata) {
        return """
                {"Resources": {"LogsBucket7E6A12F3": {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "none"}}]}},
                  "Metadata": {"aws:cdk:path": "App/Logs/Resource"%s}}}}
                """.formatted(metadata.replace('\'', '"'));
    }

    @Test
    void suppressionWithReasonSuppressesWithTheReason() throws Exception {
        Diagnostics d = new Diagnostics();
        String metadata = ", 'cxscan': {'suppressions': ["
                + "{'id': 's3_bucket_encrypted', 'reason': 'public website assets, no data'}]}";
        Finding f = only(run(new S3BucketEncrypted(), failingBucket(metadata), d));
        assertEquals(Status.SUPPRESSED, f.status());
        assertEquals("public website assets, no data", f.suppression().reason());
        assertTrue(f.message().contains("'none'"), "the original message is kept: " + f.message());
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void suppressionInYamlTemplates() throws Exception {
        String yaml = """
                Resources:
                  Logs:
                    Type: AWS::S3::Bucket
                    Metadata:
                      cxscan:
                        suppressions:
                          - id: s3_bucket_encrypted
                            reason: test fixture bucket
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration: []
                """;
        Finding f = only(run(new S3BucketEncrypted(), yaml, new Diagnostics()));
        assertEquals(Status.SUPPRESSED, f.status());
        assertEquals("test fixture bucket", f.suppression().reason());
    }

    @Test
    void suppressionWithEmptyReasonIsIgnoredWithAWarning() throws Exception {
        Diagnostics d = new Diagnostics();
        String metadata = ", 'cxscan': {'suppressions': ["
                + "{'id': 's3_bucket_encrypted', 'reason': '   '}]}";
        Finding f = only(run(new S3BucketEncrypted(), failingBucket(metadata), d));
        assertEquals(Status.FAIL, f.status());
        assertNull(f.suppression());
        assertEquals(1, d.warnings().size(), d.warnings()::toString);
        String warning = d.warnings().get(0);
        assertTrue(warning.contains("s3_bucket_encrypted") && warning.contains("LogsBucket7E6A12F3")
                && warning.contains("no reason"), warning);
        assertTrue(d.inputErrors().isEmpty());
    }

    @Test
    void suppressionWithoutReasonFieldIsIgnoredWithAWarning() throws Exception {
        Diagnostics d = new Diagnostics();
        String metadata = ", 'cxscan': {'suppressions': "
                + "{'id': 's3_bucket_encrypted'}}";
        Finding f = only(run(new S3BucketEncrypted(), failingBucket(metadata), d));
        assertEquals(Status.FAIL, f.status());
        assertEquals(1, d.warnings().size());
    }

    @Test
    void suppressionOfAnotherCheckDoesNotApply() throws Exception {
        String metadata = ", 'cxscan': {'suppressions': [{'id': 's3_bucket_versioned', 'reason': 'not this one'}]}";
        Finding f = only(run(new S3BucketEncrypted(), failingBucket(metadata), new Diagnostics()));
        assertEquals(Status.FAIL, f.status());
    }

    @Test
    void passingResourceStaysPassDespiteASuppression() throws Exception {
        String template = """
                Resources:
                  B:
                    Type: AWS::S3::Bucket
                    Metadata: {cxscan: {suppressions: [{id: s3_bucket_encrypted, reason: x}]}}
                """;
        assertEquals(Status.PASS, only(run(new S3BucketEncrypted(), template, new Diagnostics())).status());
    }

    @Test
    void cdkNagSuppressionsAreMentionedButDoNotSuppress() throws Exception {
        Diagnostics d = new Diagnostics();
        String metadata = ", 'cdk_nag': {'rules_to_suppress': ["
                + "{'id': 'AwsSolutions-S1', 'reason': 'access logs bucket'}, {'id': 'AwsSolutions-S10'}]}";
        Finding f = only(run(new S3BucketEncrypted(), failingBucket(metadata), d));
        assertEquals(Status.FAIL, f.status());
        assertNull(f.suppression());
        assertTrue(f.message().contains("AwsSolutions-S1 (access logs bucket)") && f.message().contains("AwsSolutions-S10")
                && f.message().contains("do not suppress cxscan checks"), f.message());
    }

    @Test
    void cdkNagSuppressionsAreNotMentionedOnAPass() throws Exception {
        String template = """
                Resources:
                  B:
                    Type: AWS::S3::Bucket
                    Metadata: {cdk_nag: {rules_to_suppress: [{id: AwsSolutions-S1, reason: r}]}}
                """;
        Finding f = only(run(new S3BucketEncrypted(), template, new Diagnostics()));
        assertEquals(Status.PASS, f.status());
        assertTrue(!f.message().contains("cdk-nag"), f.message());
    }

    @Test
    void suppressionAppliesToAFailOnOneConditionBranch() throws Exception {
        String yaml = """
                Resources:
                  Logs:
                    Type: AWS::S3::Bucket
                    Metadata:
                      cxscan: {suppressions: [{id: s3_bucket_encrypted, reason: dev only}]}
                    Properties:
                      BucketEncryption:
                        ServerSideEncryptionConfiguration:
                          - ServerSideEncryptionByDefault:
                              SSEAlgorithm: !If [Prod, AES256, plain]
                """;
        Finding f = only(run(new S3BucketEncrypted(), yaml, new Diagnostics()));
        assertEquals(Status.SUPPRESSED, f.status());
        assertTrue(f.message().contains("condition Prod is false"), f.message());
    }
}
