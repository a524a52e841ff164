package dev.cxscan.checks.rules.kms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How a property that names a KMS key reads (KmsMasterKeyId, KMSMasterKeyId, KmsKeyId, KmsKeyArn,
 * KeyId, CustomerEncryptionKeyArn ...). Shared by the NETSEC-002 rules: those that ask for any KMS key
 * ({@link #isSet()}) and those that ask for a customer managed key ({@link #requireCustomerKey}).
 *
 * <ul>
 * <li>ABSENT: not set, an empty string, or {"Ref": "AWS::NoValue"}.</li>
 * <li>AWS_MANAGED: alias/aws/..., aws/... (as Secrets Manager accepts it), an ARN of such an alias,
 * an AWS::KMS::Alias of the template with such a name, or a Fn::Join/Fn::Sub whose literal text
 * names an alias/aws/ key.</li>
 * <li>CUSTOMER: a Ref/GetAtt (or Fn::Sub ${X.Arn}) to an AWS::KMS::Key, AWS::KMS::ReplicaKey or a
 * non-AWS AWS::KMS::Alias of the template; a literal key id, key ARN or alias (an ARN does not say
 * who manages the key, and naming one explicitly is the customer's choice; checkov judges the same
 * way); a Fn::Join/Fn::Sub building a ":key/" or ":alias/" ARN.</li>
 * <li>UNIDENTIFIED_KEY: certainly some key, but the template does not tell which: Fn::ImportValue,
 * or a Fn::Join/Fn::Sub with literal text but no key or alias ARN shape. It counts as a key for the
 * rules that accept any KMS key; it is unresolved for those that ask for a customer managed key.</li>
 * <li>UNRESOLVED: whether any key is set is not known: a Ref to a parameter without default or a
 * bare "${Param}" Fn::Sub (either may well be empty), a reference to a resource that is not a KMS
 * key, a GetAtt of a resource the template lacks, any other intrinsic. Never a pass.</li>
 * </ul>
 *
 * @param kind        what the value is
 * @param description for messages, e.g. "customer key MyKey1A2B3C" or "the AWS managed key alias/aws/sns"
 */
public record KmsKeyReference(Kind kind, String description) {
    public enum Kind { CUSTOMER, AWS_MANAGED, UNIDENTIFIED_KEY, ABSENT, UNRESOLVED }

    public static KmsKeyReference of(JsonNode value, RuleContext context) {
        if (Values.isAbsent(value) || isNoValue(value)) {
            return new KmsKeyReference(Kind.ABSENT, "no key");
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            if (text.isEmpty()) {
                return new KmsKeyReference(Kind.ABSENT, "an empty key id");
            }
            if (isAwsManaged(text)) {
                return awsManaged(text);
            }
            Optional<Resource> target = context.isLive() ? Optional.empty() : context.resolveReference(value);
            return target.map(KmsKeyReference::fromResource).orElseGet(() -> new KmsKeyReference(Kind.CUSTOMER, "key " + text));
        }
        if (!value.isObject()) {
            return new KmsKeyReference(Kind.UNRESOLVED, Values.describe(value));
        }
        Optional<Resource> target = context.resolveReference(value);
        if (target.isPresent()) {
            return fromResource(target.get());
        }
        if (value.has("Fn::ImportValue")) {
            return new KmsKeyReference(Kind.UNIDENTIFIED_KEY, "key given by " + Values.describe(value));
        }
        if (value.has("Fn::Join") || value.has("Fn::Sub")) {
            String literal = literalText(value).toLowerCase(Locale.ROOT);
            if (literal.contains("alias/aws/")) {
                return new KmsKeyReference(Kind.AWS_MANAGED, "the AWS managed key named by " + Values.describe(value));
            }
            if (literal.contains(":key/") || literal.contains(":alias/")) {
                return new KmsKeyReference(Kind.CUSTOMER, "a key ARN built with " + Values.describe(value));
            }
            if (!literal.isBlank()) {
                return new KmsKeyReference(Kind.UNIDENTIFIED_KEY, "key given by " + Values.describe(value));
            }
        }
        return new KmsKeyReference(Kind.UNRESOLVED, Values.describe(value));
    }

    /** A KMS key of some kind is named: customer managed, AWS managed, or one the template does not identify. */
    public boolean isSet() {
        return kind == Kind.CUSTOMER || kind == Kind.AWS_MANAGED || kind == Kind.UNIDENTIFIED_KEY;
    }

    /** alias/aws/..., aws/... (as Secrets Manager accepts it) or an ARN of such an alias. */
    public static boolean isAwsManaged(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.startsWith("alias/aws/") || t.startsWith("aws/") || t.contains(":alias/aws/");
    }

    /**
     * The usual verdict for "property must name a customer managed key": PASS for a customer key,
     * FAIL for an AWS managed key or no key ({@code whenAbsent} says what the service does then),
     * unresolved for anything the template does not tell.
     */
    public static Verdict requireCustomerKey(Resource resource, RuleContext context, String whenAbsent, String... path) {
        String name = String.join(".", path);
        KmsKeyReference key = of(resource.property(path), context);
        return switch (key.kind()) {
            case CUSTOMER -> Verdict.pass(name + " names a customer managed key (" + key.description() + ")");
            case AWS_MANAGED -> Verdict.fail(name + " is " + key.description()
                    + ", which the customer cannot control or audit separately; use a customer managed KMS key");
            case ABSENT -> Verdict.fail(name + " is not set: " + whenAbsent + "; set a customer managed KMS key");
            case UNIDENTIFIED_KEY, UNRESOLVED -> Verdict.unresolved(name + " (" + key.description() + ")");
        };
    }

    private static KmsKeyReference awsManaged(String text) {
        int alias = text.toLowerCase(Locale.ROOT).indexOf("alias/aws/");
        return new KmsKeyReference(Kind.AWS_MANAGED, "the AWS managed key " + (alias >= 0 ? text.substring(alias) : text));
    }

    private static KmsKeyReference fromResource(Resource r) {
        return switch (r.type()) {
            case "AWS::KMS::Key", "AWS::KMS::ReplicaKey" -> new KmsKeyReference(Kind.CUSTOMER, "customer key " + r.id());
            case "AWS::KMS::Alias" -> {
                String name = Values.text(r.property("AliasName")).orElse("");
                yield isAwsManaged(name) ? awsManaged(name) : new KmsKeyReference(Kind.CUSTOMER, "customer key via alias " + r.id());
            }
            default -> new KmsKeyReference(Kind.UNRESOLVED, "a reference to " + r.type() + " " + r.id() + ", not a KMS key");
        };
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && "AWS::NoValue".equals(value.path("Ref").asText(null));
    }

    /**
     * The literal text a Fn::Join or Fn::Sub contributes, with every intrinsic part and every ${...}
     * placeholder left out ("arn:${AWS::Partition}:kms:...:key/${KeyId}" reads "arn::kms:...:key/");
     * a Join's delimiter only between literal parts.
     */
    private static String literalText(JsonNode fn) {
        JsonNode join = fn.get("Fn::Join");
        if (join != null) {
            if (!join.isArray() || join.size() != 2 || !join.get(1).isArray()) {
                return "";
            }
            StringJoiner literal = new StringJoiner(join.get(0).asText(""));
            join.get(1).forEach(part -> {
                if (part.isTextual()) {
                    literal.add(part.textValue());
                }
            });
            return literal.toString();
        }
        JsonNode sub = fn.get("Fn::Sub");
        JsonNode template = sub != null && sub.isArray() && sub.size() > 0 ? sub.get(0) : sub;
        return template != null && template.isTextual() ? template.textValue().replaceAll("\\$\\{[^}]*}", "") : "";
    }
}
