package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A template document as a JSON tree (YAML short-form tags already turned into their long form),
 * with the 1-based line of each logical id under Resources.
 */
public record ParsedDocument(ObjectNode root, Map<String, Integer> resourceLines) {
    public ParsedDocument {
        resourceLines = Map.copyOf(resourceLines);
    }
}
