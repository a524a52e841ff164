package dev.cxscan.checks.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads a JSON template into a tree in one streaming pass, recording the line of every logical id
 * under the top-level Resources. Jackson's stream constraints enforce the nesting and size limits.
 */
final class JsonTemplateParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(ParseLimits.MAX_NESTING_DEPTH)
                    .maxDocumentLength(ParseLimits.MAX_TEMPLATE_BYTES)
                    .maxNumberLength(ParseLimits.MAX_NUMBER_LENGTH)
                    .build())
            // a key given twice is refused (as for YAML) rather than the last value silently winning
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonTemplateParser() {
    }

    static ParsedDocument parse(byte[] content) throws TemplateFormatException {
        JsonParser p;
        try {
            p = FACTORY.createParser(content);
        } catch (IOException e) {
            throw new TemplateFormatException("cannot read JSON: " + e.getMessage(), null);
        }
        try (p) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new TemplateFormatException("not a CloudFormation template: the file is empty", 1);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new TemplateFormatException("not a CloudFormation template: the document is not a JSON object",
                        line(p.currentTokenLocation()));
            }
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            Map<String, Integer> lines = new HashMap<>();
            Map<JsonNode, Integer> nodeLines = new IdentityHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int sectionLine = p.currentTokenLocation().getLineNr();
                JsonNode section = "Resources".equals(name) && value == JsonToken.START_OBJECT
                        ? readResources(p, lines, nodeLines) : readValue(p, value, nodeLines);
                if (section.isContainerNode()) {
                    nodeLines.put(section, sectionLine);
                }
                root.set(name, section);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new TemplateFormatException("invalid JSON: unexpected " + t, line(p.currentTokenLocation()));
            }
            if (p.nextToken() != null) {
                throw new TemplateFormatException("invalid JSON: unexpected content after the end of the template",
                        line(p.currentTokenLocation()));
            }
            return new ParsedDocument(root, lines, nodeLines);
        } catch (StreamConstraintsException e) {
            String m = firstLine(e.getOriginalMessage());
            String lower = m.toLowerCase(java.util.Locale.ROOT);
            String message = lower.contains("nesting depth") ? "nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH + " levels"
                    : lower.contains("number value length") ? "a number longer than " + ParseLimits.MAX_NUMBER_LENGTH + " digits" : m;
            throw new TemplateFormatException("rejected: " + message,
                    e.getLocation() != null ? line(e.getLocation()) : line(p.currentLocation()));
        } catch (JsonProcessingException e) {
            throw new TemplateFormatException(message(e), line(e.getLocation()));
        } catch (IOException e) {
            throw new TemplateFormatException("cannot read JSON: " + e.getMessage(), null);
        }
    }

    /** The Resources object (parser on its START_OBJECT), noting the line of each logical id. */
    private static ObjectNode readResources(JsonParser p, Map<String, Integer> lines, Map<JsonNode, Integer> nodeLines)
            throws IOException {
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String logicalId = p.currentName();
            lines.put(logicalId, p.currentTokenLocation().getLineNr());
            resources.set(logicalId, readValue(p, p.nextToken(), nodeLines));
        }
        return resources;
    }

    /** The one-line message of a parse error, in the words the YAML parser uses for the same problems. */
    private static String message(JsonProcessingException e) {
        String m = firstLine(e.getOriginalMessage());
        java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate (?:field|Object property) '(.*)'$").matcher(m);
        if (dup.find()) {
            return "invalid JSON: duplicate key '" + dup.group(1) + "'";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "not UTF-8 text (" + m + "): save the file as UTF-8";
        }
        return "invalid JSON: " + m;
    }

    /**
     * The value starting at token {@code t}, built straight from the stream (the same node types as
     * ObjectMapper.readTree, without loading databind's deserializer machinery at start-up). The
     * parser's nesting limit bounds the recursion. Intrinsic function objects get their line noted.
     */
    private static JsonNode readValue(JsonParser p, JsonToken t, Map<JsonNode, Integer> nodeLines) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input");
        }
        switch (t) {
            case START_OBJECT -> {
                int line = p.currentTokenLocation().getLineNr();
                ObjectNode obj = F.objectNode();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    obj.set(name, readValue(p, p.nextToken(), nodeLines));
                }
                if (obj.size() == 1 && ParsedDocument.isIntrinsicKey(obj.fieldNames().next())) {
                    nodeLines.put(obj, line);
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = F.arrayNode();
                JsonToken c;
                while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
                    arr.add(readValue(p, c, nodeLines));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return F.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> F.numberNode(p.getIntValue());
                    case LONG -> F.numberNode(p.getLongValue());
                    default -> F.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return F.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return F.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return F.booleanNode(false);
            }
            case VALUE_NULL -> {
                return F.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    private static Integer line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? null : location.getLineNr();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
