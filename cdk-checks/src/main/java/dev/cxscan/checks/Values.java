package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reading CloudFormation property values the way the service does: booleans and numbers may be
 * strings ("true", "443"), a list may be a single value, and any value may be an intrinsic function
 * the loader could not resolve. Helpers answer UNKNOWN / empty for those so rules never treat an
 * unresolved value as a pass.
 */
public final class Values {
    private Values() {
    }

    /** True for {"Ref": ...} or a single-key {"Fn::...": ...} object. */
    public static boolean isIntrinsic(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }

    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** A boolean property; {@code whenAbsent} when missing; UNKNOWN for intrinsics or odd values. */
    public static Tri bool(JsonNode node, Tri whenAbsent) {
        if (isAbsent(node)) {
            return whenAbsent;
        }
        if (node.isBoolean()) {
            return Tri.of(node.booleanValue());
        }
        if (node.isTextual()) {
            String t = node.textValue().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Tri.TRUE;
            }
            if (t.equals("false")) {
                return Tri.FALSE;
            }
        }
        return Tri.UNKNOWN;
    }

    /** A literal string or number as text; empty for intrinsics, objects, arrays and absence. */
    public static Optional<String> text(JsonNode node) {
        if (isAbsent(node) || node.isContainerNode()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** An integer property given as a number or numeric string; empty otherwise. */
    public static OptionalInt integer(JsonNode node) {
        if (isAbsent(node)) {
            return OptionalInt.empty();
        }
        if (node.isIntegralNumber()) {
            return OptionalInt.of(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return OptionalInt.of(Integer.parseInt(node.textValue().trim()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** A list property; a single non-array value is a one-element list; absent is empty. */
    public static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (isAbsent(node)) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** True when the value is present and non-empty (a literal or an intrinsic that yields something). */
    public static boolean isSet(JsonNode node) {
        if (isAbsent(node)) {
            return false;
        }
        if (node.isTextual()) {
            return !node.textValue().isBlank();
        }
        if (node.isContainerNode() && !isIntrinsic(node)) {
            return node.size() > 0;
        }
        return true;
    }

    /** Case-insensitive comparison of a literal value with an expected text. */
    public static boolean textEquals(JsonNode node, String expected) {
        return text(node).map(t -> t.equalsIgnoreCase(expected)).orElse(false);
    }

    /** A short human description of a value for messages: literals as is, intrinsics by name. */
    public static String describe(JsonNode node) {
        if (isAbsent(node)) {
            return "absent";
        }
        if (isIntrinsic(node)) {
            String key = node.fieldNames().next();
            JsonNode arg = node.get(key);
            if (key.equals("Ref")) {
                return "Ref " + arg.asText();
            }
            if (key.equals("Fn::GetAtt")) {
                return "Fn::GetAtt " + (arg.isArray() ? joinText(arg, ".") : arg.asText());
            }
            return key;
        }
        if (node.isContainerNode()) {
            String s = node.toString();
            return s.length() > 80 ? s.substring(0, 77) + "..." : s;
        }
        return node.asText();
    }

    private static String joinText(JsonNode array, String sep) {
        StringBuilder sb = new StringBuilder();
        Iterator<JsonNode> it = array.elements();
        while (it.hasNext()) {
            sb.append(it.next().asText());
            if (it.hasNext()) {
                sb.append(sep);
            }
        }
        return sb.toString();
    }
}
