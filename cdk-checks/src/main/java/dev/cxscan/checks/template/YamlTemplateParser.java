package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * SnakeYAML's composer gives the tags and the line marks. Hostile input is refused before the tree
 * is built: more than {@link ParseLimits#MAX_YAML_ALIASES} aliases, aliases that would expand the
 * document by more than {@link ParseLimits#MAX_YAML_ALIAS_EXPANSION} nodes (billion laughs),
 * nesting (aliases expanded) deeper than {@link ParseLimits#MAX_NESTING_DEPTH}, recursive aliases
 * and duplicate keys.
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
        rejectLongTokens(content);
        Node root;
        String text = TextEncoding.utf8(content);
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : JsonTemplateParser.firstLine(e.getMessage());
            if (e.getContext() != null && e.getProblem() != null) {
                problem = e.getContext() + ": " + problem;
            }
            throw new TemplateFormatException("invalid YAML: " + JsonTemplateParser.firstLine(problem),
                    mark == null ? null : mark.getLine() + 1);
        } catch (YAMLException e) {
            String message = JsonTemplateParser.firstLine(e.getMessage());
            if (message.contains("aliases")) {
                throw new TemplateFormatException("rejected: more than " + ParseLimits.MAX_YAML_ALIASES
                        + " YAML aliases of collections (alias bomb?)", null);
            }
            if (message.toLowerCase().contains("nesting depth")) {
                throw new TemplateFormatException("rejected: nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH
                        + " levels", null);
            }
            throw new TemplateFormatException("invalid YAML: " + message, null);
        } catch (StackOverflowError e) {
            throw new TemplateFormatException("rejected: nesting too deep", null);
        }
        if (root == null) {
            throw new TemplateFormatException("not a CloudFormation template: the file is empty", 1);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new TemplateFormatException("not a CloudFormation template: the document is "
                    + (root instanceof SequenceNode ? "a list" : "a single value") + ", not a mapping with a Resources key",
                    root.getStartMark().getLine() + 1);
        }
        try {
            new ExpansionCheck().check(mapping);
        } catch (Rejected e) {
            throw new TemplateFormatException(e.getMessage(), e.line);
        }
        ObjectNode tree;
        Map<JsonNode, Integer> nodeLines = new IdentityHashMap<>();
        try {
            tree = (ObjectNode) new TreeBuilder(nodeLines).toJson(mapping, 0);
        } catch (Rejected e) {
            throw new TemplateFormatException(e.getMessage(), e.line);
        }
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple top : mapping.getValue()) {
            JsonNode section = top.getKeyNode() instanceof ScalarNode k ? tree.get(k.getValue()) : null;
            if (section != null && section.isContainerNode()) {
                nodeLines.put(section, line(top.getValueNode()));
            }
            if (top.getKeyNode() instanceof ScalarNode k && k.getValue().equals("Resources")
                    && top.getValueNode() instanceof MappingNode resources) {
                for (NodeTuple r : resources.getValue()) {
                    if (r.getKeyNode() instanceof ScalarNode rk) {
                        lines.put(rk.getValue(), line(rk));
                    }
                }
            }
        }
        return new ParsedDocument(tree, lines, nodeLines);
    }

    /**
     * SnakeYAML's reader copies its whole look-ahead window for every 1024 characters of a token, so
     * reading a run of characters without a space or line break takes time quadratic in its length
     * (6 MB: 45 s; 50 MB: about an hour). No template needs such a run: refuse it up front.
     */
    private static void rejectLongTokens(byte[] content) throws TemplateFormatException {
        int run = 0;
        int line = 1;
        for (byte b : content) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                run = 0;
                if (b == '\n') {
                    line++;
                }
            } else if (++run > ParseLimits.MAX_YAML_TOKEN_BYTES) {
                throw new TemplateFormatException("rejected: more than " + ParseLimits.MAX_YAML_TOKEN_BYTES / 1024
                        + " KB without a space or line break (YAML reads such a run very slowly)", line);
            }
        }
    }

    /** A document refused while it is turned into a tree: one line, with the line where known. */
    private static final class Rejected extends RuntimeException {
        final Integer line;

        Rejected(String message, Integer line) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /**
     * Measures the tree the node graph expands to (aliases repeat their anchor's subtree) without
     * building it: its height and node count, memoized per node so a bomb is measured cheaply.
     */
    private static final class ExpansionCheck {
        private final Map<Node, long[]> measured = new IdentityHashMap<>();
        private long distinct;

        void check(Node root) {
            long expanded = measure(root, 1)[0];
            if (expanded - distinct > ParseLimits.MAX_YAML_ALIAS_EXPANSION) {
                throw new Rejected("rejected: YAML aliases expand the document to " + expanded + " nodes (alias bomb?)",
                        null);
            }
        }

        /** {size, height} of the expanded subtree. */
        private long[] measure(Node node, int depth) {
            if (depth > ParseLimits.MAX_NESTING_DEPTH) {
                throw new Rejected("rejected: nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH
                        + " levels (aliases expanded)", line(node));
            }
            long[] known = measured.get(node);
            if (known != null) {
                if (depth + known[1] - 1 > ParseLimits.MAX_NESTING_DEPTH) {
                    throw new Rejected("rejected: nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH
                            + " levels (aliases expanded)", line(node));
                }
                return known;
            }
            distinct++;
            long size = 1;
            long height = 0;
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    long[] k = measure(t.getKeyNode(), depth + 1);
                    long[] v = measure(t.getValueNode(), depth + 1);
                    size = saturatedAdd(size, saturatedAdd(k[0], v[0]));
                    height = Math.max(height, Math.max(k[1], v[1]));
                }
            } else if (node instanceof SequenceNode s) {
                for (Node child : s.getValue()) {
                    long[] c = measure(child, depth + 1);
                    size = saturatedAdd(size, c[0]);
                    height = Math.max(height, c[1]);
                }
            }
            long[] result = {size, height + 1};
            measured.put(node, result);
            if (size - distinct > ParseLimits.MAX_YAML_ALIAS_EXPANSION) {
                throw new Rejected("rejected: YAML aliases expand the document to more than "
                        + ParseLimits.MAX_YAML_ALIAS_EXPANSION + " nodes (alias bomb?)", line(node));
            }
            return result;
        }

        private static long saturatedAdd(long a, long b) {
            long r = a + b;
            return r < 0 ? Long.MAX_VALUE : r;
        }
    }

    /** Builds the JSON tree, noting the line of every intrinsic function object. */
    private static final class TreeBuilder {
        private final Map<JsonNode, Integer> nodeLines;

        TreeBuilder(Map<JsonNode, Integer> nodeLines) {
            this.nodeLines = nodeLines;
        }

        JsonNode toJson(Node node, int depth) {
            if (depth > ParseLimits.MAX_NESTING_DEPTH) {
                throw new Rejected("rejected: nesting deeper than " + ParseLimits.MAX_NESTING_DEPTH + " levels", line(node));
            }
            String shortForm = cloudFormationTag(node.getTag());
            return shortForm != null ? shortFormToJson(shortForm, node, depth) : content(node, depth);
        }

        /** The node's value, ignoring its tag. */
        JsonNode content(Node node, int depth) {
            if (node instanceof MappingNode m) {
                ObjectNode obj = F.objectNode();
                for (NodeTuple t : m.getValue()) {
                    Node keyNode = t.getKeyNode();
                    String key = keyNode instanceof ScalarNode sk ? sk.getValue() : toJson(keyNode, depth + 1).toString();
                    if (obj.has(key)) {
                        throw new Rejected("invalid YAML: duplicate key '" + key + "'", line(keyNode));
                    }
                    obj.set(key, toJson(t.getValueNode(), depth + 1));
                }
                if (obj.size() == 1 && ParsedDocument.isIntrinsicKey(obj.fieldNames().next())) {
                    nodeLines.put(obj, line(node));
                }
                return obj;
            }
            if (node instanceof SequenceNode s) {
                ArrayNode arr = F.arrayNode(s.getValue().size());
                for (Node child : s.getValue()) {
                    arr.add(toJson(child, depth + 1));
                }
                return arr;
            }
            return scalar((ScalarNode) node);
        }

        /** "Ref", "GetAtt", "Sub" ... for a CloudFormation local tag, null for YAML's own tags. */
        static String cloudFormationTag(Tag tag) {
            String value = tag.getValue();
            if (value.startsWith("!")) {
                return value.substring(1);
            }
            return null;
        }

        JsonNode shortFormToJson(String name, Node node, int depth) {
            ObjectNode obj = F.objectNode();
            nodeLines.put(obj, line(node));
            JsonNode value = node instanceof ScalarNode s ? F.textNode(s.getValue()) : content(node, depth + 1);
            if (name.equals("Ref") || name.equals("Condition")) {
                obj.set(name, value);
                return obj;
            }
            if (name.equals("GetAtt") && value.isTextual()) {
                String v = value.textValue();
                int dot = v.indexOf('.');
                ArrayNode arr = F.arrayNode(2);
                if (dot > 0) {
                    arr.add(v.substring(0, dot)).add(v.substring(dot + 1));
                } else {
                    arr.add(v);
                }
                obj.set("Fn::GetAtt", arr);
                return obj;
            }
            obj.set("Fn::" + name, value);
            return obj;
        }
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
                boolean negative = clean.startsWith("-");
                String digits = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
                BigInteger big = digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
                if (negative) {
                    big = big.negate();
                }
                // the same node classes Jackson gives for JSON numbers, so YAML and JSON trees compare equal
                if (big.bitLength() < 32) {
                    return F.numberNode(big.intValue());
                }
                return big.bitLength() < 64 ? F.numberNode(big.longValue()) : F.numberNode(big);
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
