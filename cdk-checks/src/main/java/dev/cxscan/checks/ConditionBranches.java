package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Expands a resource whose definition uses Fn::If into one view per combination of its conditions,
 * so that rules never see Fn::If and a FAIL on either branch is reported with the condition that
 * leads to it. {"Ref": "AWS::NoValue"} in a chosen branch removes the property or list element.
 */
public final class ConditionBranches {
    /** Above this many distinct conditions in one resource only "all true" and "all false" are tried. */
    static final int MAX_CONDITIONS_FOR_ALL_COMBINATIONS = 4;

    private ConditionBranches() {
    }

    public static List<Resource> expand(Resource resource) {
        Set<String> conditions = new LinkedHashSet<>();
        collectConditions(resource.definition(), conditions);
        if (conditions.isEmpty()) {
            return List.of(resource);
        }
        List<Map<String, Boolean>> assignments = assignments(new ArrayList<>(conditions));
        List<Resource> views = new ArrayList<>(assignments.size());
        for (Map<String, Boolean> assignment : assignments) {
            JsonNode chosen = choose(resource.definition(), assignment);
            ObjectNode def = chosen != null && chosen.isObject() ? (ObjectNode) chosen : JsonNodeFactory.instance.objectNode();
            views.add(resource.withBranch(def, label(assignment), assignment));
        }
        return views;
    }

    private static List<Map<String, Boolean>> assignments(List<String> conditions) {
        List<Map<String, Boolean>> out = new ArrayList<>();
        if (conditions.size() > MAX_CONDITIONS_FOR_ALL_COMBINATIONS) {
            for (boolean value : new boolean[] {true, false}) {
                Map<String, Boolean> a = new LinkedHashMap<>();
                conditions.forEach(c -> a.put(c, value));
                out.add(a);
            }
            return out;
        }
        int n = conditions.size();
        for (int mask = 0; mask < (1 << n); mask++) {
            Map<String, Boolean> a = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                a.put(conditions.get(i), (mask & (1 << i)) == 0);
            }
            out.add(a);
        }
        return out;
    }

    private static String label(Map<String, Boolean> assignment) {
        StringJoiner j = new StringJoiner(", ", "when ", "");
        assignment.forEach((c, v) -> j.add("condition " + c + " is " + v));
        return j.toString();
    }

    private static void collectConditions(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            JsonNode fnIf = node.size() == 1 ? node.get("Fn::If") : null;
            if (fnIf != null && fnIf.isArray() && fnIf.size() == 3 && fnIf.get(0).isTextual()) {
                out.add(fnIf.get(0).textValue());
            }
            node.elements().forEachRemaining(child -> collectConditions(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectConditions(child, out));
        }
    }

    /** A copy of {@code node} with every Fn::If replaced by its chosen branch; null means AWS::NoValue. */
    private static JsonNode choose(JsonNode node, Map<String, Boolean> assignment) {
        if (node.isObject()) {
            JsonNode fnIf = node.size() == 1 ? node.get("Fn::If") : null;
            if (fnIf != null && fnIf.isArray() && fnIf.size() == 3 && fnIf.get(0).isTextual()) {
                boolean value = assignment.getOrDefault(fnIf.get(0).textValue(), true);
                return choose(fnIf.get(value ? 1 : 2), assignment);
            }
            if (node.size() == 1 && node.has("Ref") && "AWS::NoValue".equals(node.get("Ref").asText())) {
                return null;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = choose(e.getValue(), assignment);
                if (v != null) {
                    copy.set(e.getKey(), v);
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode child : node) {
                JsonNode v = choose(child, assignment);
                if (v != null) {
                    copy.add(v);
                }
            }
            return copy;
        }
        return node;
    }
}
