package dev.cxscan.checks.rules.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a property that names a KMS key (KmsKeyId, KmsKeyArn, CustomerEncryptionKeyArn ...): a
 * customer managed key, an AWS managed key (alias/aws/...), nothing, or something the template does
 * not tell. Shared by the NETSEC-002 rules that ask for a customer managed key on services that
 * always encrypt with an AWS managed or AWS owned key otherwise.
 *
 * <p>A literal key id or key ARN counts as a customer key: an ARN does not say who manages the key,
 * and naming one explicitly is the customer's choice (checkov judges the same way). A Ref or GetAtt
 * to an AWS::KMS::Key or a non-AWS alias in the template is a customer key. A Ref to a parameter
 * without default, Fn::ImportValue or a reference to another kind of resource is unknown, never a
 * pass.
 */
public final class KeyReferences {
    private KeyReferences() {
    }

    public enum Kind { CUSTOMER, AWS_MANAGED, ABSENT, UNKNOWN }

    /** What the value names and a short description for messages. */
    public record KeyRef(Kind kind, String description) {
    }

    public static KeyRef judge(JsonNode value, RuleContext context) {
        if (Values.isAbsent(value) || (value.isTextual() && value.textValue().isBlank())) {
            return new KeyRef(Kind.ABSENT, "not set");
        }
        if (value.isTextual()) {
            String t = value.textValue().trim();
            if (isAwsManaged(t)) {
                return new KeyRef(Kind.AWS_MANAGED, t);
            }
            Optional<Resource> target = context.isLive() ? Optional.empty() : context.resolveReference(value);
            if (target.isPresent()) {
                return fromResource(target.get());
            }
            return new KeyRef(Kind.CUSTOMER, "'" + t + "'");
        }
        if (!value.isObject()) {
            return new KeyRef(Kind.UNKNOWN, Values.describe(value));
        }
        Optional<Resource> target = context.resolveReference(value);
        if (target.isPresent()) {
            return fromResource(target.get());
        }
        if (value.has("Fn::Join") || value.has("Fn::Sub")) {
            String literal = literalText(value).toLowerCase(Locale.ROOT);
            if (literal.contains("alias/aws/")) {
                return new KeyRef(Kind.AWS_MANAGED, Values.describe(value) + " naming an alias/aws/ key");
            }
            if (literal.contains(":key/") || literal.contains(":alias/")) {
                return new KeyRef(Kind.CUSTOMER, "a key ARN built with " + Values.describe(value));
            }
        }
        return new KeyRef(Kind.UNKNOWN, Values.describe(value));
    }

    private static KeyRef fromResource(Resource r) {
        return switch (r.type()) {
            case "AWS::KMS::Key", "AWS::KMS::ReplicaKey" -> new KeyRef(Kind.CUSTOMER, "KMS key " + r.id());
            case "AWS::KMS::Alias" -> {
                String name = Values.text(r.property("AliasName")).orElse("");
                yield isAwsManaged(name) ? new KeyRef(Kind.AWS_MANAGED, name)
                        : new KeyRef(Kind.CUSTOMER, "KMS alias " + r.id());
            }
            default -> new KeyRef(Kind.UNKNOWN, "a reference to " + r.type() + " " + r.id() + ", not a KMS key");
        };
    }

    /** alias/aws/..., aws/... (as Secrets Manager accepts it) or an ARN of such an alias. */
    public static boolean isAwsManaged(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.startsWith("alias/aws/") || t.startsWith("aws/") || t.contains(":alias/aws/");
    }

    private static String literalText(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        collect(node, sb);
        return sb.toString();
    }

    private static void collect(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) {
            sb.append(node.textValue());
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collect(child, sb));
        }
    }

    /**
     * The usual verdict for "property must name a customer managed key": PASS for a customer key,
     * FAIL for an AWS managed key or no key ({@code whenAbsent} says what the service does then),
     * unresolved for anything the template does not tell.
     */
    public static Verdict requireCustomerKey(Resource resource, RuleContext context, String whenAbsent, String... path) {
        JsonNode value = resource.property(path);
        String name = String.join(".", path);
        KeyRef key = judge(value, context);
        return switch (key.kind()) {
            case CUSTOMER -> Verdict.pass(name + " names a customer managed key (" + key.description() + ")");
            case AWS_MANAGED -> Verdict.fail(name + " is the AWS managed key " + key.description()
                    + ", which the customer cannot control or audit separately; use a customer managed KMS key");
            case ABSENT -> Verdict.fail(name + " is not set: " + whenAbsent + "; set a customer managed KMS key");
            case UNKNOWN -> Verdict.unresolved(name + " (" + key.description() + ")");
        };
    }
}
