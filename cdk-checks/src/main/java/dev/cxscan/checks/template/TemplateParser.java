package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceNames;
import dev.cxscan.reports.ResourceRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns template bytes into a {@link Template}: UTF-8 text ({@link TextEncoding}), JSON or YAML
 * (chosen by content, not by file name), intrinsic functions of the shape CloudFormation accepts
 * ({@link IntrinsicShapes}), Fn::ForEach loops expanded ({@link ForEachExpansion}), the resources with file,
 * line and aws:cdk:path, and Refs to parameters with defaults replaced by the default.
 */
public final class TemplateParser {
    private TemplateParser() {
    }

    public static Template parse(String path, byte[] content) throws TemplateFormatException {
        return parse(path, null, content);
    }

    public static Template parse(String path, String stackName, byte[] content) throws TemplateFormatException {
        return build(path, stackName, parseDocument(content));
    }

    /** The document tree (JSON or YAML by content) with the line of each logical id; no template checks yet. */
    static ParsedDocument parseDocument(byte[] content) throws TemplateFormatException {
        if (content.length > ParseLimits.MAX_TEMPLATE_BYTES) {
            throw new TemplateFormatException("rejected: " + content.length + " bytes is over the "
                    + (ParseLimits.MAX_TEMPLATE_BYTES / (1024 * 1024)) + " MB limit", null);
        }
        content = TextEncoding.toUtf8(content);
        return looksLikeJson(content) ? JsonTemplateParser.parse(content) : YamlTemplateParser.parse(content);
    }

    /** True when the document has a top-level Resources or AWSTemplateFormatVersion key. */
    static boolean declaresTemplate(ParsedDocument doc) {
        return doc.root().has("Resources") || doc.root().has("AWSTemplateFormatVersion");
    }

    /** The template of a parsed document: its resources with file, line and cdk path, parameter defaults applied. */
    static Template build(String path, String stackName, ParsedDocument doc) throws TemplateFormatException {
        return build(path, stackName, doc, CdkPathIndex.NONE);
    }

    /** As above; construct paths missing from the resources' Metadata come from {@code cdkPaths}. */
    static Template build(String path, String stackName, ParsedDocument doc, CdkPathIndex cdkPaths)
            throws TemplateFormatException {
        // what CloudFormation deploys: the AWS::LanguageExtensions loops expanded first
        Map<String, Integer> lines = ForEachExpansion.expand(doc);
        ObjectNode root = doc.root();
        JsonNode resourcesNode = root.get("Resources");
        if (resourcesNode == null || resourcesNode.isNull()) {
            throw new TemplateFormatException("not a CloudFormation template: no Resources section", 1);
        }
        if (!resourcesNode.isObject()) {
            Integer line = doc.lineOf(resourcesNode);
            throw new TemplateFormatException("not a CloudFormation template: Resources is "
                    + (resourcesNode.isArray() ? "a list" : "a " + resourcesNode.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                    + "; it must be a mapping of logical ids to resources", line == null ? 1 : line);
        }
        for (String section : List.of("Conditions", "Outputs")) {
            JsonNode node = root.get(section);
            if (node != null) {
                IntrinsicShapes.check(doc, node, doc.lineOf(node));
            }
        }
        ParameterDefaults defaults = ParameterDefaults.of(root.path("Parameters"));
        List<Resource> resources = new ArrayList<>(resourcesNode.size());
        Map<String, String> manifestPaths = null;
        Iterator<Map.Entry<String, JsonNode>> it = resourcesNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String logicalId = e.getKey();
            JsonNode def = e.getValue();
            Integer line = lines.get(logicalId);
            if (!def.isObject() || !def.path("Type").isTextual()) {
                throw new TemplateFormatException("not a CloudFormation template: resource " + logicalId + " has no Type", line);
            }
            IntrinsicShapes.check(doc, def, line);
            ObjectNode definition = (ObjectNode) defaults.apply(def);
            String type = definition.get("Type").textValue();
            String cdkPath = definition.path("Metadata").path("aws:cdk:path").asText(null);
            if (cdkPath == null && cdkPaths != CdkPathIndex.NONE) {
                if (manifestPaths == null) {
                    manifestPaths = cdkPaths.load();
                }
                cdkPath = manifestPaths.get(logicalId);
            }
            // names and tags from the entry as written: a parameter default is not the stack's name
            ResourceRef where = ResourceNames.apply(ResourceRef.template(type, logicalId, path, line, cdkPath),
                    def.get("Properties"), false);
            resources.add(new Resource(type, logicalId, definition, where));
        }
        return new Template(path, stackName, root, resources);
    }

    private static boolean looksLikeJson(byte[] content) {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0; // UTF-8 byte order mark
        for (int i = start; i < content.length; i++) {
            byte b = content[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{';
        }
        return false;
    }
}
