package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML template with CloudFormation short-form tags into the same tree as the long form:
 * {@code !Ref X} becomes {"Ref": "X"}, {@code !GetAtt A.b} becomes {"Fn::GetAtt": ["A", "b"]},
 * {@code !Condition C} becomes {"Condition": "C"}, any other {@code !Name v} becomes {"Fn::Name": v}.
 * SnakeYAML's composer gives the tags and the line marks; its limits stop alias bombs.
 */
final class YamlTemplateParser {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlTemplateParser() {
    }

    static ParsedDocument parse(byte[] content) throws TemplateFormatException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(ParseLimits.MAX_YAML_ALIASES);
        options.setNestingDepthLimit(ParseLimits.MAX_NESTING_DEPTH);
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, ParseLimits.MAX_TEMPLATE_BYTES));
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : JsonTemplateParser.firstLine(e.getMessage());
            throw new TemplateFormatException("invalid YAML: " + problem, mark == null ? null : mark.getLine() + 1);
        } catch (YAMLException e) {
            throw new TemplateFormatException("invalid YAML: " + JsonTemplateParser.firstLine(e.getMessage()), null);
        } catch (StackOverflowError e) {
            throw new TemplateFormatException("rejected: nesting too deep", null);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new TemplateFormatException("not a CloudFormation template: the document is not a mapping",
                    root == null ? 1 : root.getStartMark().getLine() + 1);
        }
        Map<String, Integer> lines = new HashMap<>();
        ObjectNode tree;
        try {
            tree = (ObjectNode) toJson(mapping, 0);
        } catch (DepthExceeded e) {
            throw new TemplateFormatException("rejected: nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH + " levels", e.line);
        }
        for (NodeTuple top : mapping.getValue()) {
            if (top.getKeyNode() instanceof ScalarNode k && k.getValue().equals("Resources")
                    && top.getValueNode() instanceof MappingNode resources) {
                for (NodeTuple r : resources.getValue()) {
                    if (r.getKeyNode() instanceof ScalarNode rk) {
                        lines.putIfAbsent(rk.getValue(), rk.getStartMark().getLine() + 1);
                    }
                }
            }
        }
        return new ParsedDocument(tree, lines);
    }

    private static final class DepthExceeded extends RuntimeException {
        final int line;

        DepthExceeded(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    private static JsonNode toJson(Node node, int depth) {
        if (depth > ParseLimits.MAX_NESTING_DEPTH) {
            throw new DepthExceeded(node.getStartMark().getLine() + 1);
        }
        Tag tag = node.getTag();
        String shortForm = cloudFormationTag(tag);
        if (shortForm != null) {
            return shortFormToJson(shortForm, node, depth);
        }
        if (node instanceof MappingNode m) {
            ObjectNode obj = F.objectNode();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode sk ? sk.getValue() : toJson(t.getKeyNode(), depth + 1).toString();
                obj.set(key, toJson(t.getValueNode(), depth + 1));
            }
            return obj;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode arr = F.arrayNode();
            for (Node child : s.getValue()) {
                arr.add(toJson(child, depth + 1));
            }
            return arr;
        }
        return scalar((ScalarNode) node);
    }

    /** "Ref", "GetAtt", "Sub" ... for a CloudFormation local tag, null for YAML's own tags. */
    private static String cloudFormationTag(Tag tag) {
        String value = tag.getValue();
        if (value.startsWith("!")) {
            return value.substring(1);
        }
        return null;
    }

    private static JsonNode shortFormToJson(String name, Node node, int depth) {
        ObjectNode obj = F.objectNode();
        if (name.equals("Ref") || name.equals("Condition")) {
            obj.set(name, node instanceof ScalarNode s ? F.textNode(s.getValue()) : toJson(untagged(node), depth + 1));
            return obj;
        }
        if (name.equals("GetAtt") && node instanceof ScalarNode s) {
            String v = s.getValue();
            int dot = v.indexOf('.');
            ArrayNode arr = F.arrayNode();
            if (dot > 0) {
                arr.add(v.substring(0, dot)).add(v.substring(dot + 1));
            } else {
                arr.add(v);
            }
            obj.set("Fn::GetAtt", arr);
            return obj;
        }
        JsonNode value;
        if (node instanceof ScalarNode s) {
            value = F.textNode(s.getValue());
        } else {
            value = toJson(untagged(node), depth + 1);
        }
        obj.set("Fn::" + name, value);
        return obj;
    }

    /** The same node read without its CloudFormation tag (so toJson does not loop). */
    private static Node untagged(Node node) {
        if (node instanceof MappingNode m) {
            return new MappingNode(Tag.MAP, m.getValue(), m.getFlowStyle());
        }
        if (node instanceof SequenceNode s) {
            return new SequenceNode(Tag.SEQ, s.getValue(), s.getFlowStyle());
        }
        return node;
    }

    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return F.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            String t = v.toLowerCase();
            return F.booleanNode(t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                String clean = v.replace("_", "");
                BigInteger big = clean.startsWith("0x") ? new BigInteger(clean.substring(2), 16) : new BigInteger(clean);
                return big.bitLength() < 63 ? F.numberNode(big.longValue()) : F.numberNode(big);
            } catch (NumberFormatException e) {
                return F.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return F.numberNode(Double.parseDouble(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return F.textNode(v);
            }
        }
        return F.textNode(v);
    }

    static List<String> supportedShortForms() {
        return List.of("Ref", "GetAtt", "Sub", "If", "Join", "Select", "FindInMap", "Equals", "Not", "And", "Or",
                "Condition", "Base64", "Cidr", "GetAZs", "ImportValue", "Split");
    }
}
