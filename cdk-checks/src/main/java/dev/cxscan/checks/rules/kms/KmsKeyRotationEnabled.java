package dev.cxscan.checks.rules.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.Locale;

/**
 * NETSEC-002: symmetric customer-managed KMS keys rotate automatically (EnableKeyRotation true;
 * CloudFormation and CDK default to false). Judged only where KMS supports automatic rotation:
 * KeySpec absent or SYMMETRIC_DEFAULT, KeyUsage absent or ENCRYPT_DECRYPT, and key material generated
 * by KMS (Origin absent or AWS_KMS). Asymmetric, HMAC and imported (Origin EXTERNAL) keys, and keys in
 * custom key stores, cannot rotate automatically and are not applicable (no finding). Multi-region
 * keys can rotate (the primary's setting is shared by its replicas) and are judged. A KeySpec,
 * KeyUsage or Origin given by an unresolvable intrinsic is reported unresolved.
 */
public final class KmsKeyRotationEnabled extends AbstractRule {
    static final Check CHECK = Check.of("kms_key_rotation_enabled",
            "Symmetric customer-managed KMS keys have automatic rotation on", Severity.MEDIUM, "NETSEC-002",
            "Set EnableKeyRotation: true on AWS::KMS::Key (optionally RotationPeriodInDays); in CDK: "
                    + "KeyProps.builder().enableKeyRotation(true).");

    public KmsKeyRotationEnabled() {
        super(CHECK, "AWS::KMS::Key");
    }

    @Override
    public Verdict evaluate(Resource key, RuleContext context) {
        for (String[] p : new String[][] {{"KeySpec", "SYMMETRIC_DEFAULT"}, {"KeyUsage", "ENCRYPT_DECRYPT"}, {"Origin", "AWS_KMS"}}) {
            JsonNode value = key.property(p[0]);
            if (Values.isAbsent(value)) {
                continue;
            }
            if (Values.isIntrinsic(value) || Values.text(value).isEmpty()) {
                return Verdict.unresolved(p[0] + " (" + Values.describe(value) + "), which decides whether the key can rotate");
            }
            if (!Values.text(value).get().toUpperCase(Locale.ROOT).equals(p[1])) {
                return Verdict.notApplicable();
            }
        }
        if (Values.isSet(key.property("CustomKeyStoreId"))) {
            return Verdict.notApplicable();
        }
        JsonNode rotation = key.property("EnableKeyRotation");
        return switch (Values.bool(rotation, Tri.FALSE)) {
            case TRUE -> Verdict.pass("EnableKeyRotation is true" + Values.integer(key.property("RotationPeriodInDays"))
                    .stream().mapToObj(d -> " (every " + d + " days)").findFirst().orElse(" (yearly)"));
            case UNKNOWN -> Verdict.unresolved("EnableKeyRotation (" + Values.describe(rotation) + ")");
            case FALSE -> Verdict.fail("EnableKeyRotation is " + (Values.isAbsent(rotation) ? "not set (defaults to false)" : "false")
                    + " on a symmetric encryption key");
        };
    }
}
