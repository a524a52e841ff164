package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks that the intrinsic functions of a template have the shape CloudFormation requires (the
 * number and kind of their arguments). A template with {@code Fn::If} of two arguments or
 * {@code Fn::GetAtt} of one is rejected by CloudFormation before anything is deployed; judging it
 * would mean guessing what the author meant (the rules would see an unexpanded Fn::If as an opaque
 * value), so it is an input error that names the function, what it takes, and what it got.
 * Functions not listed here (Fn::Base64, Fn::GetAZs, Fn::ImportValue, Fn::Transform, ...) take a
 * single value of several kinds and are not checked.
 */
final class IntrinsicShapes {
    /** What a function takes, in the words of its documentation, and the list sizes that allows. */
    private record Shape(String takes, int min, int max) {
    }

    private static final Map<String, Shape> LISTS = Map.of(
            "Fn::If", new Shape("3 arguments [condition, value_if_true, value_if_false]", 3, 3),
            "Fn::GetAtt", new Shape("2 arguments [logicalNameOfResource, attributeName]", 2, 2),
            "Fn::Join", new Shape("2 arguments [delimiter, [values]]", 2, 2),
            "Fn::Select", new Shape("2 arguments [index, [objects]]", 2, 2),
            "Fn::Split", new Shape("2 arguments [delimiter, source string]", 2, 2),
            // a 4th argument {DefaultValue: ...} is allowed with the AWS::LanguageExtensions transform
            "Fn::FindInMap", new Shape("3 arguments [MapName, TopLevelKey, SecondLevelKey] and an optional {DefaultValue}", 3, 4),
            "Fn::Cidr", new Shape("3 arguments [ipBlock, count, cidrBits]", 3, 3),
            "Fn::Equals", new Shape("2 arguments [value_1, value_2]", 2, 2),
            "Fn::Not", new Shape("1 argument [condition]", 1, 1),
            "Fn::And", new Shape("2 to 10 conditions [condition, condition, ...]", 2, 10));

    private final ParsedDocument doc;

    private IntrinsicShapes(ParsedDocument doc) {
        this.doc = doc;
    }

    /**
     * Checks every intrinsic function under {@code node}; {@code fallbackLine} is where the error
     * points when the parser did not note the function's own line.
     */
    static void check(ParsedDocument doc, JsonNode node, Integer fallbackLine) throws TemplateFormatException {
        new IntrinsicShapes(doc).walk(node, fallbackLine);
    }

    private void walk(JsonNode node, Integer line) throws TemplateFormatException {
        if (node.isObject()) {
            Integer here = doc.lineOf(node);
            if (here != null) {
                line = here;
            }
            if (node.size() == 1) {
                String key = node.fieldNames().next();
                String problem = problem(key, node.get(key));
                if (problem != null) {
                    throw new TemplateFormatException(problem, line);
                }
            }
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                walk(children.next(), line);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                walk(child, line);
            }
        }
    }

    /** What is wrong with the function {@code name} applied to {@code arg}, or null. */
    static String problem(String name, JsonNode arg) {
        switch (name) {
            case "Ref" -> {
                return arg.isTextual() ? null : "Ref takes a logical id or parameter name, got " + kind(arg);
            }
            case "Fn::GetAtt" -> {
                if (arg.isTextual() && arg.textValue().indexOf('.') > 0) {
                    return null; // "Resource.Attribute", the short form's argument
                }
                if (arg.isArray() && arg.size() == 2 && !arg.get(0).isTextual()) {
                    return "Fn::GetAtt takes a logical id as its first argument, got " + kind(arg.get(0));
                }
            }
            case "Fn::Sub" -> {
                if (arg.isTextual() || arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isObject()) {
                    return null;
                }
                if (arg.isArray() && arg.size() == 2) {
                    return "Fn::Sub takes [string, {variables}], got [" + kind(arg.get(0)) + ", " + kind(arg.get(1)) + "]";
                }
                return "Fn::Sub takes a string or 2 arguments [string, {variables}], got " + count(arg);
            }
            default -> {
            }
        }
        Shape shape = LISTS.get(name.equals("Fn::Or") ? "Fn::And" : name);
        if (shape == null) {
            return null;
        }
        if (!arg.isArray() || arg.size() < shape.min() || arg.size() > shape.max()) {
            return name + " takes " + shape.takes() + ", got " + count(arg);
        }
        return switch (name) {
            case "Fn::If" -> arg.get(0).isTextual() ? null
                    : "Fn::If takes a condition name as its first argument, got " + kind(arg.get(0));
            case "Fn::Join", "Fn::Select" -> arg.get(1).isArray() || isFunction(arg.get(1)) ? null
                    : name + " takes a list (or a function returning one) as its second argument, got " + kind(arg.get(1));
            default -> null;
        };
    }

    private static boolean isFunction(JsonNode node) {
        return node.isObject() && node.size() == 1 && ParsedDocument.isIntrinsicKey(node.fieldNames().next());
    }

    /** "2" for a list of two, else what the value is. */
    private static String count(JsonNode arg) {
        return arg.isArray() ? String.valueOf(arg.size()) : kind(arg);
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list of " + node.size();
        }
        return isFunction(node) ? node.fieldNames().next() : "a mapping";
    }
}
