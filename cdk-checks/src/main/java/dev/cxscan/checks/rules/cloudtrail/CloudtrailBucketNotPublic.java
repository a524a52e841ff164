package dev.cxscan.checks.rules.cloudtrail;

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

/**
 * ACCT-001: the bucket that receives a trail's logs blocks all public access. Judged on the trail
 * (the finding names the trail) by following S3BucketName to the bucket; passes when the bucket's
 * PublicAccessBlockConfiguration has BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and
 * RestrictPublicBuckets all true. A bucket without the property fails even though S3 turns all four
 * on for buckets created since April 2023: the template then does not pin the setting, and for an
 * audit-log bucket the setting must be explicit. A bucket not declared in the template is
 * unresolved, never a pass.
 */
public final class CloudtrailBucketNotPublic extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_bucket_not_public",
            "The CloudTrail log bucket blocks all public access", Severity.HIGH, "ACCT-001",
            "Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and "
                    + "RestrictPublicBuckets all true on the trail's bucket; in CDK: "
                    + "BucketProps.builder().blockPublicAccess(BlockPublicAccess.BLOCK_ALL) (the Trail construct's own bucket does this).");

    static final List<String> FLAGS = List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets");

    public CloudtrailBucketNotPublic() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        return TrailBucket.evaluate(trail, context, false, (bucket, policies) -> judge(bucket));
    }

    private static Verdict judge(Resource bucket) {
        JsonNode config = bucket.property("PublicAccessBlockConfiguration");
        if (Values.isAbsent(config)) {
            return Verdict.fail("trail bucket " + bucket.id() + " declares no PublicAccessBlockConfiguration ("
                    + String.join(", ", FLAGS) + " not set; S3's default for new buckets is not pinned by the template)");
        }
        if (!config.isObject() || Values.isIntrinsic(config)) {
            return Verdict.unresolved("PublicAccessBlockConfiguration of trail bucket " + bucket.id()
                    + " (" + Values.describe(config) + ")");
        }
        List<String> notTrue = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String flag : FLAGS) {
            JsonNode v = config.path(flag);
            switch (Values.bool(v, Tri.FALSE)) {
                case FALSE -> notTrue.add(flag + (Values.isAbsent(v) ? " (not set)" : " (false)"));
                case UNKNOWN -> unknown.add(flag + " (" + Values.describe(v) + ")");
                default -> { }
            }
        }
        if (!notTrue.isEmpty()) {
            return Verdict.fail("trail bucket " + bucket.id() + " does not block all public access: "
                    + String.join(", ", notTrue) + " not true"
                    + (unknown.isEmpty() ? "" : "; unresolved: " + String.join(", ", unknown)));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown) + " of trail bucket " + bucket.id());
        }
        return Verdict.pass("trail bucket " + bucket.id() + " blocks all public access (all four PublicAccessBlock flags true)");
    }
}
