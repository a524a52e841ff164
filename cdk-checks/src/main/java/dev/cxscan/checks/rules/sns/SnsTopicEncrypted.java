package dev.cxscan.checks.rules.sns;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: SNS topics encrypt messages at rest with KMS (KmsMasterKeyId set). SNS has no default
 * server-side encryption, so a topic without the key fails. The AWS managed key alias/aws/sns passes
 * and is named in the message (it cannot be used by other services' publishers such as CloudWatch
 * alarms or EventBridge, which need a customer key). A Ref to a parameter without a default is
 * unresolved.
 */
public final class SnsTopicEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("sns_topic_encrypted",
            "SNS topics are encrypted with KMS (KmsMasterKeyId set)", Severity.MEDIUM, "NETSEC-002",
            "Set KmsMasterKeyId on AWS::SNS::Topic (a customer key, or alias/aws/sns); in CDK: "
                    + "TopicProps.builder().masterKey(key).");

    public SnsTopicEncrypted() {
        super(CHECK, "AWS::SNS::Topic");
    }

    @Override
    public Verdict evaluate(Resource topic, RuleContext context) {
        KmsKeyReference key = KmsKeyReference.of(topic.property("KmsMasterKeyId"), context);
        return switch (key.kind()) {
            case CUSTOMER, AWS_MANAGED, UNIDENTIFIED_KEY -> Verdict.pass("SSE-KMS with " + key.description());
            case UNRESOLVED -> Verdict.unresolved("KmsMasterKeyId (" + key.description() + ")");
            case ABSENT -> Verdict.fail("KmsMasterKeyId is not set" + (topic.has("KmsMasterKeyId") ? " (empty)" : "")
                    + ": messages are stored without server-side encryption");
        };
    }
}
