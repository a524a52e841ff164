package dev.cxscan.checks.rules.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.kms.KmsKeyReference;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-002: Kinesis data streams use server-side encryption (StreamEncryption with EncryptionType
 * KMS and a KeyId). Streams are not encrypted unless asked. The AWS managed key alias/aws/kinesis
 * passes (this check asks for encryption, the message says which key).
 *
 * <p>aws-cdk-lib writes StreamEncryption inside Fn::If on its condition
 * AwsCdkKinesisEncryptedStreamsUnsupportedRegions (true only in the China regions, where stream
 * encryption used to be unavailable). The branch where that CDK condition is true is not judged, so
 * a default CDK stream is judged by the encrypted branch that applies everywhere else. Medium: a
 * stream holds data for at most a year and is usually a transport.
 */
public final class KinesisStreamEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("kinesis_stream_encrypted",
            "Kinesis data streams use KMS server-side encryption", Severity.MEDIUM, "NETSEC-002",
            "Set StreamEncryption: {EncryptionType: KMS, KeyId: <key ARN or alias/aws/kinesis>}; in CDK: "
                    + "new Stream(this, id, StreamProps.builder().encryption(StreamEncryption.KMS).encryptionKey(key)...) "
                    + "(StreamEncryption.MANAGED uses the AWS managed key).");

    static final String CDK_UNSUPPORTED_REGIONS = "AwsCdkKinesisEncryptedStreamsUnsupportedRegions";

    public KinesisStreamEncrypted() {
        super(CHECK, "AWS::Kinesis::Stream");
    }

    @Override
    public Verdict evaluate(Resource stream, RuleContext context) {
        if (stream.conditionValue(CDK_UNSUPPORTED_REGIONS).orElse(false)) {
            return Verdict.notApplicable();
        }
        JsonNode enc = stream.property("StreamEncryption");
        if (Values.isAbsent(enc)) {
            return Verdict.fail("StreamEncryption is not set: the stream is not encrypted at rest");
        }
        if (Values.isIntrinsic(enc)) {
            return Verdict.unresolved("StreamEncryption (" + Values.describe(enc) + ")");
        }
        JsonNode type = enc.path("EncryptionType");
        if (Values.isIntrinsic(type)) {
            return Verdict.unresolved("StreamEncryption.EncryptionType (" + Values.describe(type) + ")");
        }
        if (!Values.textEquals(type, "KMS")) {
            return Verdict.fail("StreamEncryption.EncryptionType is " + Values.describe(type) + ", expected KMS");
        }
        KmsKeyReference key = KmsKeyReference.of(enc.path("KeyId"), context);
        return switch (key.kind()) {
            case CUSTOMER -> Verdict.pass("KMS server-side encryption with a customer managed key (" + key.description() + ")");
            case AWS_MANAGED, UNIDENTIFIED_KEY -> Verdict.pass("KMS server-side encryption with " + key.description());
            case ABSENT -> Verdict.fail("StreamEncryption.EncryptionType is KMS but KeyId is not set");
            case UNRESOLVED -> Verdict.unresolved("StreamEncryption.KeyId (" + key.description() + ")");
        };
    }
}
