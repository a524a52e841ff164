package dev.cxscan.checks.rules.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: SQS queues encrypt messages at rest, with SSE-KMS (KmsMasterKeyId set) or SSE-SQS.
 * Since October 2022 SQS turns SSE-SQS on for every new queue unless SqsManagedSseEnabled is false,
 * so a template queue with neither property passes and says it relies on that default; only
 * SqsManagedSseEnabled false without a KMS key fails. A KmsMasterKeyId of "" is no key. cfn_nag W48
 * and checkov CKV_AWS_27 fail any queue without KmsMasterKeyId; they predate SSE-SQS. Live scans
 * read SqsManagedSseEnabled from the queue attributes, so a live queue reporting neither fails.
 */
public final class SqsQueueEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("sqs_queue_encrypted",
            "SQS queues are encrypted at rest (SSE-SQS or SSE-KMS)", Severity.MEDIUM, "NETSEC-002",
            "Leave SqsManagedSseEnabled at its default (true) or set KmsMasterKeyId; in CDK: "
                    + "QueueProps.builder().encryption(QueueEncryption.SQS_MANAGED) or .encryptionMasterKey(key); "
                    + "never QueueEncryption.UNENCRYPTED.");

    public SqsQueueEncrypted() {
        super(CHECK, "AWS::SQS::Queue");
    }

    @Override
    public Verdict evaluate(Resource queue, RuleContext context) {
        KmsKeyReference key = KmsKeyReference.of(queue.property("KmsMasterKeyId"), context);
        if (key.isSet()) {
            return Verdict.pass("SSE-KMS with " + key.description());
        }
        if (key.kind() == KmsKeyReference.Kind.UNRESOLVED) {
            return Verdict.unresolved("KmsMasterKeyId (" + key.description() + ")");
        }
        JsonNode sqsManaged = queue.property("SqsManagedSseEnabled");
        String emptyKey = queue.has("KmsMasterKeyId") ? " (KmsMasterKeyId is empty)" : "";
        return switch (Values.bool(sqsManaged, Tri.UNKNOWN)) {
            case TRUE -> Verdict.pass("SSE-SQS (SqsManagedSseEnabled true)" + emptyKey);
            case FALSE -> Verdict.fail("SqsManagedSseEnabled is false and no KmsMasterKeyId is set: messages are stored unencrypted");
            case UNKNOWN -> {
                if (!Values.isAbsent(sqsManaged)) {
                    yield Verdict.unresolved("SqsManagedSseEnabled (" + Values.describe(sqsManaged) + ")");
                }
                yield context.isLive()
                        ? Verdict.fail("the queue reports neither SSE-KMS nor SSE-SQS")
                        : Verdict.pass("SSE-SQS (default for new queues)" + emptyKey);
            }
        };
    }
}
