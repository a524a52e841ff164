package dev.cxscan.checks.rules.cloudtrail;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * ACCT-001: trail log files are encrypted with a KMS key (SSE-KMS) rather than only the bucket's
 * default encryption. Passes when KMSKeyId is set: a key id, ARN or alias literal, a Ref or
 * Fn::GetAtt to a key or alias of the template, an import, or a Fn::Sub / Fn::Join that builds an
 * ARN. A Ref to a parameter without default is unresolved (the key could be empty). Whether the key
 * exists and its policy lets CloudTrail use it is left to deployment: CloudTrail refuses a trail
 * whose key it cannot use.
 */
public final class CloudtrailKmsEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("cloudtrail_kms_encrypted",
            "CloudTrail trails encrypt log files with a KMS key", Severity.MEDIUM, "ACCT-001",
            "Set KMSKeyId on the AWS::CloudTrail::Trail to a KMS key (ARN, alias or Ref to an AWS::KMS::Key) whose "
                    + "policy allows cloudtrail.amazonaws.com to use it; in CDK: TrailProps.builder().encryptionKey(key).");

    public CloudtrailKmsEncrypted() {
        super(CHECK, "AWS::CloudTrail::Trail");
    }

    @Override
    public Verdict evaluate(Resource trail, RuleContext context) {
        TrailSetting key = TrailSetting.read(trail.property("KMSKeyId"), context);
        return switch (key.state()) {
            case SET -> Verdict.pass("log files encrypted with KMS key " + key.description());
            case UNSET -> Verdict.fail("KMSKeyId is " + key.description()
                    + ": log files get only the bucket's default encryption, not SSE-KMS with a key CloudTrail is bound to");
            case UNKNOWN -> Verdict.unresolved("KMSKeyId (" + key.description() + ")");
        };
    }
}
