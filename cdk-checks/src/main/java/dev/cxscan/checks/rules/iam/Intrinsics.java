package dev.cxscan.checks.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a template value built with Fn::Join / Fn::Sub to one string so IAM rules can read ARNs,
 * action names and whole policy documents that templates (and aws-cdk-lib) assemble from parts.
 * What cannot be known from the template is kept as a placeholder:
 * <ul>
 *   <li>pseudo parameters: {@code ${AWS::Partition}}, {@code ${AWS::AccountId}}, ...</li>
 *   <li>a Ref / Fn::GetAtt to a resource of the same template: {@code ${Logical}} / {@code ${Logical.Attr}}
 *       (a value of this stack, so in this account)</li>
 *   <li>Fn::ImportValue: {@code ${Import}} (exports are per account and region, so in this account)</li>
 *   <li>anything else (a Ref to a parameter without default, Fn::Select, Fn::FindInMap ...):
 *       {@code ${?what}}; such a result is not {@link Rendered#known() known}.</li>
 * </ul>
 * Example: aws-cdk-lib's {@code ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess")} writes
 * {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]},
 * which renders to {@code arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess}.
 */
final class Intrinsics {
    static final String OWN_ACCOUNT = "${AWS::AccountId}";
    static final String IMPORT = "${Import}";
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private Intrinsics() {
    }

    /**
     * A rendered value.
     *
     * @param text     the string with placeholders
     * @param unknowns descriptions of the parts that could not be read (empty when everything is known)
     */
    record Rendered(String text, List<String> unknowns) {
        boolean known() {
            return unknowns.isEmpty();
        }

        /** True when the text has no placeholder at all: a plain literal of the template. */
        boolean literal() {
            return known() && !text.contains("${");
        }
    }

    /** Renders a literal or an intrinsic; never throws. */
    static Rendered render(JsonNode node, RuleContext context) {
        List<String> unknowns = new ArrayList<>();
        String text = render(node, context, unknowns, 0);
        return new Rendered(text, List.copyOf(unknowns));
    }

    /** Renders every element of a list value (a single value is a one-element list). */
    static List<Rendered> renderAll(List<JsonNode> nodes, RuleContext context) {
        List<Rendered> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(render(n, context));
        }
        return out;
    }

    private static String render(JsonNode node, RuleContext context, List<String> unknowns, int depth) {
        if (Values.isAbsent(node)) {
            unknowns.add("absent value");
            return "${?absent}";
        }
        if (depth > 20) {
            unknowns.add("nested intrinsic");
            return "${?nested}";
        }
        if (!node.isContainerNode()) {
            return node.asText();
        }
        if (!Values.isIntrinsic(node)) {
            unknowns.add(Values.describe(node));
            return "${?" + Values.describe(node) + "}";
        }
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        switch (fn) {
            case "Ref" -> {
                return variable(arg.asText(), context, unknowns);
            }
            case "Fn::GetAtt" -> {
                String target = arg.isArray() ? arg.path(0).asText() + "." + arg.path(1).asText() : arg.asText();
                return variable(target, context, unknowns);
            }
            case "Fn::ImportValue" -> {
                return IMPORT;
            }
            case "Fn::Join" -> {
                if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isArray()) {
                    StringBuilder sb = new StringBuilder();
                    Iterator<JsonNode> parts = arg.get(1).elements();
                    while (parts.hasNext()) {
                        sb.append(render(parts.next(), context, unknowns, depth + 1));
                        if (parts.hasNext()) {
                            sb.append(arg.get(0).textValue());
                        }
                    }
                    return sb.toString();
                }
            }
            case "Fn::Sub" -> {
                JsonNode pattern = arg.isArray() ? arg.path(0) : arg;
                if (pattern.isTextual()) {
                    JsonNode vars = arg.isArray() ? arg.path(1) : null;
                    return sub(pattern.textValue(), vars, context, unknowns, depth);
                }
            }
            default -> {
                // Fn::Select, Fn::FindInMap, Fn::Split, Fn::GetAZs, Fn::Base64 ...: not evaluated here
            }
        }
        unknowns.add(Values.describe(node));
        return "${?" + fn + "}";
    }

    private static String sub(String pattern, JsonNode vars, RuleContext context, List<String> unknowns, int depth) {
        Matcher m = SUB_VAR.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}"; // ${!Literal} is the literal text ${Literal}
            } else if (vars != null && vars.isObject() && vars.has(name)) {
                replacement = render(vars.get(name), context, unknowns, depth + 1);
            } else {
                replacement = variable(name, context, unknowns);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A Ref / GetAtt / Sub variable: pseudo parameter, resource of this template, or unknown. */
    private static String variable(String name, RuleContext context, List<String> unknowns) {
        if (name.startsWith("AWS::")) {
            return "${" + name + "}";
        }
        String logical = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (context != null && context.resolveReference(JsonNodeFactory.instance.objectNode().put("Ref", logical)).isPresent()) {
            return "${" + name + "}";
        }
        unknowns.add("Ref " + name);
        return "${?" + name + "}";
    }

    /** A rendered text as a JSON string node (for {@link dev.cxscan.checks.PolicyDocument#of}). */
    static JsonNode asText(Rendered r) {
        return TextNode.valueOf(r.text());
    }
}
