package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code Fn::ForEach} of the AWS::LanguageExtensions transform, expanded as CloudFormation expands it before it
 * deploys: {@code Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]} gives one copy of the
 * output map per collection value, with {@code ${Identifier}} and {@code &{Identifier}} (the value without its
 * non-alphanumeric characters) replaced in keys and in Fn::Sub strings, and {@code {"Ref": Identifier}} replaced by
 * the value. Loops nest. The collection is a list, or a Ref to a list parameter with a default (the value the
 * stack gets when nobody overrides it); any other collection is an input error, never a silent skip. Templates
 * without the transform are left as written: CloudFormation refuses Fn::ForEach there too.
 */
final class ForEachExpansion {
    static final String TRANSFORM = "AWS::LanguageExtensions";
    private static final String PREFIX = "Fn::ForEach::";
    /** CloudFormation allows 500 resources per stack; far past that, an expansion is a bomb, not a template. */
    static final int MAX_GENERATED = 10_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ParsedDocument doc;
    private final ParameterDefaults defaults;
    private int generated;

    private ForEachExpansion(ParsedDocument doc) {
        this.doc = doc;
        this.defaults = ParameterDefaults.of(doc.root().path("Parameters"));
    }

    /** True when the template declares the AWS::LanguageExtensions transform (alone or in a list). */
    static boolean declared(JsonNode root) {
        JsonNode t = root.get("Transform");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return TRANSFORM.equals(t.textValue());
        }
        for (JsonNode e : t) {
            if (e.isTextual() && TRANSFORM.equals(e.textValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Expands every loop of the document's Resources, Outputs and Conditions in place, and returns the line of each
     * logical id afterwards: a generated resource has the line of the loop that made it.
     */
    static Map<String, Integer> expand(ParsedDocument doc) throws TemplateFormatException {
        Map<String, Integer> lines = new HashMap<>(doc.resourceLines());
        if (!declared(doc.root())) {
            return lines;
        }
        ForEachExpansion expansion = new ForEachExpansion(doc);
        for (String section : List.of("Resources", "Outputs", "Conditions")) {
            JsonNode node = doc.root().get(section);
            if (node instanceof ObjectNode map) {
                Map<String, Integer> sectionLines = section.equals("Resources") ? lines : new HashMap<>();
                doc.root().set(section, expansion.expandMap(map, sectionLines, null));
            }
        }
        return lines;
    }

    /** The map with each Fn::ForEach key replaced by the entries it generates, in place of the loop. */
    private ObjectNode expandMap(ObjectNode map, Map<String, Integer> lines, Integer loopLine)
            throws TemplateFormatException {
        ObjectNode out = F.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = map.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                out.set(key, e.getValue());
                continue;
            }
            Integer line = lines.getOrDefault(key, loopLine != null ? loopLine : doc.lineOf(e.getValue()));
            JsonNode loop = e.getValue();
            if (!loop.isArray() || loop.size() != 3 || !loop.get(0).isTextual() || !loop.get(2).isObject()) {
                throw new TemplateFormatException(key + " takes 3 arguments [identifier, collection, "
                        + "{output key: output value}]", line);
            }
            String identifier = loop.get(0).textValue();
            for (String value : collection(key, loop.get(1), line)) {
                ObjectNode copy = (ObjectNode) substitute(loop.get(2), identifier, value);
                ObjectNode expanded = expandMap(copy, lines, line);
                Iterator<Map.Entry<String, JsonNode>> gen = expanded.fields();
                while (gen.hasNext()) {
                    Map.Entry<String, JsonNode> g = gen.next();
                    if (out.has(g.getKey()) || map.has(g.getKey())) {
                        throw new TemplateFormatException(key + " generates " + g.getKey() + " twice (or a key the "
                                + "template already has)", line);
                    }
                    if (++generated > MAX_GENERATED) {
                        throw new TemplateFormatException("rejected: Fn::ForEach loops generate more than "
                                + MAX_GENERATED + " entries", line);
                    }
                    out.set(g.getKey(), g.getValue());
                    lines.putIfAbsent(g.getKey(), line);
                }
            }
            lines.remove(key);
        }
        return out;
    }

    private List<String> collection(String key, JsonNode node, Integer line) throws TemplateFormatException {
        JsonNode resolved = defaults.apply(node);
        List<String> values = new ArrayList<>();
        boolean strings = resolved.isArray();
        for (JsonNode v : resolved) {
            strings &= v.isValueNode() && !v.isNull();
            values.add(v.asText());
        }
        if (!strings) {
            throw new TemplateFormatException(key + ": the collection must be a list of strings or a Ref to a "
                    + "list parameter with a default, got " + node, line);
        }
        return values;
    }

    /** A copy of {@code node} for one value of the loop's identifier. */
    private static JsonNode substitute(JsonNode node, String identifier, String value) {
        if (node.isObject()) {
            if (node.size() == 1 && node.path("Ref").isTextual() && node.get("Ref").textValue().equals(identifier)) {
                return TextNode.valueOf(value);
            }
            ObjectNode copy = F.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (e.getKey().equals("Fn::Sub")) {
                    v = subString(v, identifier, value);
                    if (node.size() == 1 && v.isTextual() && !v.textValue().contains("${")) {
                        // no variable left: the string itself, as the transform resolves it (a GetAtt's logical id
                        // written as !Sub 'Bucket${Identifier}' is a logical id once expanded)
                        return v;
                    }
                }
                copy.set(replace(e.getKey(), identifier, value), substitute(v, identifier, value));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(child -> copy.add(substitute(child, identifier, value)));
            return copy;
        }
        return node;
    }

    /** Fn::Sub's template string (alone or first of the list) with the identifier replaced. */
    private static JsonNode subString(JsonNode sub, String identifier, String value) {
        if (sub.isTextual()) {
            return TextNode.valueOf(replace(sub.textValue(), identifier, value));
        }
        if (sub.isArray() && sub.size() > 0 && sub.get(0).isTextual()) {
            ArrayNode copy = sub.deepCopy();
            copy.set(0, TextNode.valueOf(replace(sub.get(0).textValue(), identifier, value)));
            return copy;
        }
        return sub;
    }

    private static String replace(String s, String identifier, String value) {
        if (s.indexOf('{') < 0) {
            return s;
        }
        return s.replace("${" + identifier + "}", value)
                .replace("&{" + identifier + "}", value.replaceAll("[^A-Za-z0-9]", ""));
    }
}
