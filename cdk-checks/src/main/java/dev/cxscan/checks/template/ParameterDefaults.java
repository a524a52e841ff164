package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Replaces {"Ref": P} by the Default of parameter P, the value the stack gets when nobody
 * overrides it. Parameters without a default stay as Ref, so rules report them as unresolved.
 * List-typed parameters become arrays (CommaDelimitedList, List&lt;...&gt;).
 */
final class ParameterDefaults {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Map<String, JsonNode> defaults;

    private ParameterDefaults(Map<String, JsonNode> defaults) {
        this.defaults = defaults;
    }

    static ParameterDefaults of(JsonNode parameters) {
        Map<String, JsonNode> defaults = new HashMap<>();
        if (parameters != null && parameters.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = parameters.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode def = e.getValue().get("Default");
                if (def == null || def.isNull()) {
                    continue;
                }
                String type = e.getValue().path("Type").asText("");
                if (type.startsWith("AWS::SSM::")) {
                    continue; // the default is a parameter-store name, not the value
                }
                if ((type.startsWith("List<") || type.equals("CommaDelimitedList")) && def.isTextual()) {
                    ArrayNode arr = F.arrayNode();
                    for (String part : def.textValue().split(",")) {
                        arr.add(part.trim());
                    }
                    def = arr;
                }
                defaults.put(e.getKey(), def);
            }
        }
        return new ParameterDefaults(defaults);
    }

    /** A copy of {@code node} with parameter Refs replaced; the input is left unchanged. */
    JsonNode apply(JsonNode node) {
        if (defaults.isEmpty()) {
            return node;
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref") && node.get("Ref").isTextual()) {
                JsonNode def = defaults.get(node.get("Ref").textValue());
                return def == null ? node : def.deepCopy();
            }
            ObjectNode copy = F.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), apply(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(child -> copy.add(apply(child)));
            return copy;
        }
        return node;
    }
}
