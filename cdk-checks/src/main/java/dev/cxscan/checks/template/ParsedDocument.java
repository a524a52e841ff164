package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A template document as a JSON tree (YAML short-form tags already turned into their long form),
 * with the 1-based line of each logical id under Resources, and the line of a few nodes an error
 * message may need to point at: the value of each top-level section and every intrinsic function
 * object (by identity, not equality).
 */
public record ParsedDocument(ObjectNode root, Map<String, Integer> resourceLines, Map<JsonNode, Integer> nodeLines) {
    public ParsedDocument {
        resourceLines = Map.copyOf(resourceLines);
        nodeLines = Collections.unmodifiableMap(nodeLines);
    }

    public ParsedDocument(ObjectNode root, Map<String, Integer> resourceLines) {
        this(root, resourceLines, new IdentityHashMap<>());
    }

    /** The line where {@code node} starts when the parser noted it, else null. */
    Integer lineOf(JsonNode node) {
        return nodeLines.get(node);
    }

    /** True for the key of an intrinsic function object: Ref, Condition or Fn::*. */
    static boolean isIntrinsicKey(String key) {
        return key.startsWith("Fn::") || key.equals("Ref") || key.equals("Condition");
    }
}
