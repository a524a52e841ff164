package dev.cxscan.checks.rules.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * NETSEC-002: S3 buckets block all public access (BlockPublicAcls, BlockPublicPolicy,
 * IgnorePublicAcls and RestrictPublicBuckets all true).
 *
 * <p>Judgment call, following today's AWS behaviour as {@link S3BucketEncrypted} does: since April
 * 2023 S3 turns all four Block Public Access settings on for every new bucket created without a
 * PublicAccessBlockConfiguration, so a template bucket without the property passes and the message
 * says it relies on that default - unless it asks for a public canned ACL (AccessControl PublicRead,
 * PublicReadWrite, AuthenticatedRead), which fails. A configuration that is present is read as
 * written: a flag that is false or missing (S3 treats a missing flag as false) fails, naming the
 * flags. For live scans a bucket without a configuration has none (it may predate 2023), so it fails.
 * checkov CKV_AWS_56 and guard S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED fail the absent case; they
 * predate the change.
 */
public final class S3BucketPublicAccessBlocked extends AbstractRule {
    static final Check CHECK = Check.of("s3_bucket_public_access_blocked",
            "S3 buckets block all public access (all four PublicAccessBlock settings true)", Severity.HIGH, "NETSEC-002",
            "Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and "
                    + "RestrictPublicBuckets all true (or leave it out on a new bucket); in CDK: "
                    + "BucketProps.builder().blockPublicAccess(BlockPublicAccess.BLOCK_ALL). Serve public content "
                    + "through CloudFront with origin access control instead of a public bucket.");

    static final List<String> FLAGS = List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets");
    private static final Set<String> PUBLIC_ACLS = Set.of("publicread", "publicreadwrite", "authenticatedread");

    public S3BucketPublicAccessBlocked() {
        super(CHECK, "AWS::S3::Bucket");
    }

    @Override
    public Verdict evaluate(Resource bucket, RuleContext context) {
        JsonNode config = bucket.property("PublicAccessBlockConfiguration");
        if (Values.isAbsent(config)) {
            return withoutConfiguration(bucket, context);
        }
        if (Values.isIntrinsic(config) || !config.isObject()) {
            return Verdict.unresolved("PublicAccessBlockConfiguration (" + Values.describe(config) + ")");
        }
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String flag : FLAGS) {
            JsonNode v = config.path(flag);
            switch (Values.bool(v, Tri.FALSE)) {
                case FALSE -> off.add(flag + (Values.isAbsent(v) ? " (not set, defaults to false)" : " false"));
                case UNKNOWN -> unknown.add(flag + " (" + Values.describe(v) + ")");
                default -> { }
            }
        }
        if (!off.isEmpty()) {
            return Verdict.fail("PublicAccessBlockConfiguration does not block all public access: " + String.join(", ", off));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown));
        }
        return Verdict.pass("all four Block Public Access settings are true");
    }

    private static Verdict withoutConfiguration(Resource bucket, RuleContext context) {
        if (context.isLive()) {
            return Verdict.fail("the bucket has no bucket-level Block Public Access configuration");
        }
        JsonNode acl = bucket.property("AccessControl");
        if (Values.isIntrinsic(acl)) {
            return Verdict.unresolved("AccessControl (" + Values.describe(acl) + ")");
        }
        String aclText = Values.text(acl).orElse("");
        if (PUBLIC_ACLS.contains(aclText.toLowerCase(java.util.Locale.ROOT))) {
            return Verdict.fail("no PublicAccessBlockConfiguration and AccessControl " + aclText
                    + " asks for public access (S3 refuses it while Block Public Access is on, so the intent is a public bucket)");
        }
        return Verdict.pass("no PublicAccessBlockConfiguration declared: relies on the S3 default for new buckets "
                + "(all four Block Public Access settings on since April 2023)");
    }
}
