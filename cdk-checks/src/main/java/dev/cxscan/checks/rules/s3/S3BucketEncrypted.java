package dev.cxscan.checks.rules.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.Rule;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.List;
import java.util.Set;

/**
 * NETSEC-002: S3 buckets have default encryption configured. Since January 2023 S3 encrypts every
 * new object with SSE-S3 even without BucketEncryption, so a bucket without the property passes
 * and the message says it relies on that default (checkov agrees; cfn_nag W41 predates the change).
 */
public final class S3BucketEncrypted implements Rule {
    static final Check CHECK = Check.of("s3_bucket_encrypted",
            "S3 buckets have default encryption (SSE-S3 or SSE-KMS)", Severity.MEDIUM, "NETSEC-002",
            "Set BucketEncryption.ServerSideEncryptionConfiguration with SSEAlgorithm aws:kms (or AES256); "
                    + "in CDK: new Bucket(this, id, BucketProps.builder().encryption(BucketEncryption.KMS)...).");

    @Override
    public Check check() {
        return CHECK;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::S3::Bucket");
    }

    @Override
    public Verdict evaluate(Resource bucket, RuleContext context) {
        JsonNode rules = bucket.property("BucketEncryption", "ServerSideEncryptionConfiguration");
        if (Values.isAbsent(rules) && !bucket.has("BucketEncryption")) {
            return Verdict.pass("no BucketEncryption declared: S3 applies SSE-S3 (AES256) to every new object by default");
        }
        List<JsonNode> entries = Values.list(rules);
        if (entries.isEmpty()) {
            return Verdict.fail("BucketEncryption has no ServerSideEncryptionConfiguration rule");
        }
        JsonNode algorithm = entries.get(0).path("ServerSideEncryptionByDefault").path("SSEAlgorithm");
        if (Values.isIntrinsic(algorithm)) {
            return Verdict.unresolved("SSEAlgorithm (" + Values.describe(algorithm) + ")");
        }
        String alg = Values.text(algorithm).orElse("");
        return switch (alg) {
            case "AES256" -> Verdict.pass("default encryption SSE-S3 (AES256)");
            case "aws:kms", "aws:kms:dsse" -> Verdict.pass("default encryption SSE-KMS (" + alg + ")"
                    + (entries.get(0).path("ServerSideEncryptionByDefault").has("KMSMasterKeyID") ? " with a customer key" : " with the AWS managed key"));
            default -> Verdict.fail("ServerSideEncryptionByDefault.SSEAlgorithm is '" + alg + "', expected AES256 or aws:kms");
        };
    }
}
