package dev.cxscan.checks.rules.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.Optional;

/**
 * How a KMS key property (KmsMasterKeyId, KMSMasterKeyId, KmsKeyId) reads: not set, an AWS managed
 * key ("alias/aws/sqs"), a customer key (a literal id/ARN/alias, a key resource of the template, or
 * any intrinsic that builds a value), or unresolved (a bare Ref to a parameter without a default,
 * which may well be empty). Shared by the NETSEC-002 rules of several services.
 *
 * @param kind        what the value is
 * @param description for messages, e.g. "customer key MyKey1A2B3C" or "AWS managed key alias/aws/sns"
 */
public record KmsKeyReference(Kind kind, String description) {
    public enum Kind { ABSENT, AWS_MANAGED, CUSTOMER, UNRESOLVED }

    public static KmsKeyReference of(JsonNode value, RuleContext context) {
        if (Values.isAbsent(value) || isNoValue(value)) {
            return new KmsKeyReference(Kind.ABSENT, "no key");
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.isEmpty()) {
                return new KmsKeyReference(Kind.ABSENT, "an empty key id");
            }
            if (text.startsWith("alias/aws/") || text.contains(":alias/aws/")) {
                return new KmsKeyReference(Kind.AWS_MANAGED, "the AWS managed key " + text.substring(text.indexOf("alias/aws/")));
            }
            return new KmsKeyReference(Kind.CUSTOMER, "key " + text);
        }
        if (Values.isIntrinsic(value)) {
            Optional<Resource> target = context.resolveReference(value);
            if (target.isPresent()) {
                return new KmsKeyReference(Kind.CUSTOMER, "customer key " + target.get().id());
            }
            String fn = value.fieldNames().next();
            JsonNode arg = value.get(fn);
            boolean bareParameter = fn.equals("Ref")
                    || (fn.equals("Fn::Sub") && arg.isTextual() && arg.textValue().matches("\\$\\{[^}]+}"));
            if (bareParameter) {
                return new KmsKeyReference(Kind.UNRESOLVED, Values.describe(value));
            }
            return new KmsKeyReference(Kind.CUSTOMER, "key given by " + Values.describe(value));
        }
        return new KmsKeyReference(Kind.UNRESOLVED, Values.describe(value));
    }

    public boolean isSet() {
        return kind == Kind.AWS_MANAGED || kind == Kind.CUSTOMER;
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && "AWS::NoValue".equals(value.path("Ref").asText(null));
    }
}
