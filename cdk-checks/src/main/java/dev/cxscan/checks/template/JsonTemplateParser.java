package dev.cxscan.checks.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
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
                    .build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

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
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("Resources".equals(name) && value == JsonToken.START_OBJECT) {
                    root.set(name, readResources(p, lines));
                } else {
                    root.set(name, MAPPER.readTree(p));
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new TemplateFormatException("invalid JSON: unexpected " + t, line(p.currentTokenLocation()));
            }
            if (p.nextToken() != null) {
                throw new TemplateFormatException("invalid JSON: unexpected content after the end of the template",
                        line(p.currentTokenLocation()));
            }
            return new ParsedDocument(root, lines);
        } catch (StreamConstraintsException e) {
            String m = firstLine(e.getOriginalMessage());
            String message = m.toLowerCase(java.util.Locale.ROOT).contains("nesting depth")
                    ? "nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH + " levels" : m;
            throw new TemplateFormatException("rejected: " + message,
                    e.getLocation() != null ? line(e.getLocation()) : line(p.currentLocation()));
        } catch (JsonProcessingException e) {
            throw new TemplateFormatException("invalid JSON: " + firstLine(e.getOriginalMessage()), line(e.getLocation()));
        } catch (IOException e) {
            throw new TemplateFormatException("cannot read JSON: " + e.getMessage(), null);
        }
    }

    /** The Resources object (parser on its START_OBJECT), noting the line of each logical id. */
    private static ObjectNode readResources(JsonParser p, Map<String, Integer> lines) throws IOException {
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String logicalId = p.currentName();
            lines.put(logicalId, p.currentTokenLocation().getLineNr()); // last one wins, like the value
            p.nextToken();
            resources.set(logicalId, MAPPER.readTree(p));
        }
        return resources;
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
