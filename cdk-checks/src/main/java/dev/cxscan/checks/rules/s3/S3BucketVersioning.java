package dev.cxscan.checks.rules.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * REL-002: S3 buckets keep object versions, so an overwritten or deleted object can be restored.
 * Passes only for VersioningConfiguration.Status "Enabled" (exactly as CloudFormation and the S3 API
 * spell it). "Suspended" and an absent configuration (S3's default: never versioned) fail. A Status
 * the template does not resolve is reported unresolved, never a pass.
 */
public final class S3BucketVersioning extends AbstractRule {
    static final Check CHECK = Check.of("s3_bucket_versioning",
            "S3 buckets have versioning Enabled", Severity.LOW, "REL-002",
            "Set VersioningConfiguration.Status to Enabled (and a lifecycle rule for noncurrent versions); "
                    + "in CDK: new Bucket(this, id, BucketProps.builder().versioned(true)...).");

    public S3BucketVersioning() {
        super(CHECK, "AWS::S3::Bucket");
    }

    @Override
    public Verdict evaluate(Resource bucket, RuleContext context) {
        JsonNode status = bucket.property("VersioningConfiguration", "Status");
        if (Values.isAbsent(status)) {
            return Verdict.fail("no VersioningConfiguration.Status: the bucket is not versioned (S3 default)");
        }
        if (Values.isIntrinsic(status)) {
            return Verdict.unresolved("VersioningConfiguration.Status (" + Values.describe(status) + ")");
        }
        String value = Values.text(status).orElse(Values.describe(status));
        if (value.equals("Enabled")) {
            return Verdict.pass("versioning is Enabled");
        }
        if (value.equals("Suspended")) {
            return Verdict.fail("versioning is Suspended: new writes overwrite objects without keeping versions");
        }
        return Verdict.fail("VersioningConfiguration.Status is '" + value + "', expected Enabled");
    }
}
