package dev.cxscan.checks.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads a JSON template into a tree, recording the line of every logical id under Resources. */
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
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (StreamConstraintsException e) {
            throw new TemplateFormatException("rejected: " + firstLine(e.getOriginalMessage()), line(e.getLocation()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TemplateFormatException("invalid JSON: " + firstLine(e.getOriginalMessage()), line(e.getLocation()));
        } catch (IOException e) {
            throw new TemplateFormatException("cannot read JSON: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new TemplateFormatException("not a CloudFormation template: the document is not a JSON object", 1);
        }
        return new ParsedDocument((ObjectNode) root, resourceLines(content));
    }

    /** One streaming pass: the line of each field name directly under the top-level "Resources". */
    private static Map<String, Integer> resourceLines(byte[] content) throws TemplateFormatException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(content)) {
            int depth = 0;
            boolean inResources = false;
            String topField = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        if (depth == 2 && "Resources".equals(topField) && t == JsonToken.START_OBJECT) {
                            inResources = true;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (depth == 2) {
                            inResources = false;
                        }
                        depth--;
                    }
                    case FIELD_NAME -> {
                        if (depth == 1) {
                            topField = p.currentName();
                        } else if (depth == 2 && inResources) {
                            lines.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new TemplateFormatException("invalid JSON: " + e.getMessage(), null);
        }
        return lines;
    }

    private static Integer line(com.fasterxml.jackson.core.JsonLocation location) {
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
