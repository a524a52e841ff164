package dev.cxscan.checks.template;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Changes to a template that a byte-level fuzzer reaches slowly, if ever: deep nesting, YAML anchors,
 * aliases, alias bombs and tags, huge numbers and tokens, UTF-16, invalid UTF-8, and a value replaced by
 * an intrinsic function (or any other value) of any shape. Every choice is taken from a
 * {@link FuzzedDataProvider}, so a fuzzer steers them by coverage and a saved input replays the same
 * changes. {@link #apply} says what it did, for the failure message.
 */
final class TemplateMutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One kind of change and how often it is picked relative to the others. */
    private enum Kind {
        TRUNCATE(2), INVALID_UTF8(2), UTF16(1), REPEAT_SPAN(2), DEEP_NESTING(3), ANCHOR_AND_ALIAS(3),
        ALIAS_BOMB(2), YAML_TAG(3), LONG_NUMBER(2), REPLACE_VALUE(10);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final int TOTAL_WEIGHT = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    private static final List<String> OPENERS = List.of("[", "{\"a\": ", "- ", "{a: ", "!Ref ");
    private static final List<String> ALIAS_USES = List.of("&a ", "*a", "&a", "*a ", "<<: *a\n", "&a [*a]", "? *a : 1");
    private static final List<String> TAGS = List.of("!Ref ", "!GetAtt ", "!If ", "!Sub ", "!Join ", "!Select ",
            "!FindInMap ", "!Condition ", "!Cidr ", "!!binary ", "!!python/object:os.system ", "!<tag:yaml.org,2002:str> ",
            "! ", "!!set ", "!!omap ", "!!timestamp ", "!!float ", "!!int ", "!!null ", "!!bool ", "!!map ", "!!seq ",
            "!Foo ", "!!merge ", "!!javax.script.ScriptEngineManager ");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0});
    private static final List<String> UTF16 = List.of("UTF-16LE", "UTF-16BE", "BOM+UTF-16LE", "BOM+UTF-16BE");
    private static final List<String> NUMBER_PREFIXES = List.of("", "-", "0x", "1.", "1e");
    private static final List<String> FUNCTIONS = List.of("Ref", "Fn::If", "Fn::GetAtt", "Fn::Join", "Fn::Select",
            "Fn::Split", "Fn::FindInMap", "Fn::Sub", "Fn::Cidr", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
            "Fn::Base64", "Fn::GetAZs", "Fn::ImportValue", "Condition", "Fn::Transform", "Fn::Length", "Fn::ToJsonString");
    private static final List<String> KEYS = List.of("Ref", "Fn::If", "Status", "Enabled", "Key", "Value",
            "SSEAlgorithm", "Condition", "Effect", "Principal", "Action", "Resource");
    private static final List<String> STRINGS = List.of("", "true", "false", "AWS::NoValue", "AWS::Region", "Bucket",
            "Bucket.Arn", "${Bucket}", "${AWS::Region}-${Missing.Arn}", "${!Literal}", "arn:aws:s3:::b", "*", "0", "-1",
            "aws:kms", "AES256", "Enabled", "Disabled");

    private TemplateMutations() {
    }

    /** Applies one change chosen by {@code data} to {@code in}; adds what it did to {@code log}. */
    static byte[] apply(byte[] in, boolean yaml, FuzzedDataProvider data, List<String> log) {
        int pick = data.consumeInt(0, TOTAL_WEIGHT - 1);
        Kind kind = Kind.values()[0];
        for (Kind k : Kind.values()) {
            if (pick < k.weight) {
                kind = k;
                break;
            }
            pick -= k.weight;
        }
        switch (kind) {
            case TRUNCATE -> {
                int at = data.consumeInt(0, in.length);
                log.add("truncate at " + at);
                return Arrays.copyOf(in, at);
            }
            case INVALID_UTF8 -> {
                byte[] bad = data.pickValue(BAD_UTF8);
                int at = data.consumeInt(0, in.length);
                log.add("bytes " + Arrays.toString(bad) + " at " + at);
                return insert(in, at, bad);
            }
            case UTF16 -> {
                String how = data.pickValue(UTF16);
                boolean bom = how.startsWith("BOM+");
                String text = (bom ? "\uFEFF" : "") + new String(in, StandardCharsets.UTF_8);
                log.add("as " + how);
                return text.getBytes(Charset.forName(bom ? how.substring(4) : how));
            }
            case REPEAT_SPAN -> {
                // long strings, long lines, many keys
                int from = data.consumeInt(0, in.length);
                int len = data.consumeInt(1, 6);
                int times = data.consumeInt(2, 200_000);
                byte[] span = Arrays.copyOfRange(in, from, Math.min(in.length, from + len));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 0; i < times; i++) {
                    out.writeBytes(span);
                }
                log.add("repeat " + span.length + " bytes at " + from + " " + times + " times");
                return insert(in, from, out.toByteArray());
            }
            case DEEP_NESTING -> {
                String opener = data.pickValue(OPENERS);
                int depth = data.consumeInt(300, 12_000);
                int at = valueStart(in, data);
                String closer = opener.equals("[") ? "]" : opener.startsWith("{") ? "}" : "";
                log.add(depth + " x '" + opener + "' at " + at);
                return insert(in, at, (opener.repeat(depth) + "1" + closer.repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            case ANCHOR_AND_ALIAS -> {
                String use = data.pickValue(ALIAS_USES);
                int anchorAt = valueStart(in, data);
                byte[] anchored = insert(in, anchorAt, "&a ".getBytes(StandardCharsets.UTF_8));
                int useAt = valueStart(anchored, data);
                log.add("anchor at " + anchorAt + ", '" + use + "' at " + useAt);
                return insert(anchored, useAt, use.getBytes(StandardCharsets.UTF_8));
            }
            case ALIAS_BOMB -> {
                // a top-level key whose value is a tree of aliases: levels x width
                int levels = data.consumeInt(1, 10);
                int width = data.consumeInt(1, 12);
                StringBuilder bomb = new StringBuilder("Lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (int l = 1; l <= levels; l++) {
                    bomb.append("Lol").append(l).append(": &l").append(l).append(" [")
                            .append(String.join(", ", Collections.nCopies(width, "*l" + (l - 1)))).append("]\n");
                }
                log.add("alias bomb " + levels + " levels of " + width);
                return insert(in, 0, bomb.toString().getBytes(StandardCharsets.UTF_8));
            }
            case YAML_TAG -> {
                String tag = data.pickValue(TAGS);
                int at = valueStart(in, data);
                log.add("tag '" + tag + "' at " + at);
                return insert(in, at, tag.getBytes(StandardCharsets.UTF_8));
            }
            case LONG_NUMBER -> {
                String prefix = data.pickValue(NUMBER_PREFIXES);
                int digits = data.consumeInt(100, 2_000_000);
                int start = valueStart(in, data);
                int end = start;
                while (end < in.length && in[end] != '\n' && in[end] != ',' && in[end] != '}' && in[end] != ']') {
                    end++;
                }
                byte[] number = new byte[prefix.length() + digits];
                Arrays.fill(number, (byte) '7');
                System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, number, 0, prefix.length());
                byte[] cut = new byte[in.length - (end - start)];
                System.arraycopy(in, 0, cut, 0, start);
                System.arraycopy(in, end, cut, start, in.length - end);
                log.add(digits + "-digit number after '" + prefix + "' at " + start);
                return insert(cut, start, number);
            }
            default -> {
                return replaceValue(in, yaml, data, log);
            }
        }
    }

    /**
     * A node of the parsed template (sometimes under a resource's Properties) replaced by a generated
     * value, mostly intrinsic functions of any shape; written back as JSON or YAML. Input that no longer
     * parses is left as it is.
     */
    private static byte[] replaceValue(byte[] in, boolean yaml, FuzzedDataProvider data, List<String> log) {
        boolean inProperties = data.consumeInt(0, 3) == 0;
        JsonNode value = value(data, 3);
        ObjectNode root;
        try {
            root = TemplateParser.parseDocument(in).root();
        } catch (TemplateFormatException | RuntimeException | StackOverflowError e) {
            log.add("(no value replaced: the input does not parse)");
            return in;
        }
        JsonNode scope = inProperties ? firstProperties(root) : null;
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(scope == null ? root : scope, containers);
        JsonNode target = containers.get(data.consumeInt(0, containers.size() - 1));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(names.isEmpty() ? "X" : data.pickValue(names), value);
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty()) {
                a.add(value);
            } else {
                a.set(data.consumeInt(0, a.size() - 1), value);
            }
        }
        log.add((inProperties ? "a Properties node" : "a node") + " := " + value);
        try {
            return yaml ? YAML.writeValueAsBytes(root) : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException | RuntimeException e) {
            return in;
        }
    }

    /** Any JSON value, intrinsic functions with arguments of any shape most of all, nested up to {@code depth}. */
    static JsonNode value(FuzzedDataProvider data, int depth) {
        int kind = depth == 0 ? data.consumeInt(0, 2) : data.consumeInt(0, 11);
        switch (kind) {
            case 0:
                return F.textNode(data.pickValue(STRINGS));
            case 1:
                return F.numberNode(data.consumeInt(-2, 70_000));
            case 2:
                return data.pickValue(List.of(F.booleanNode(true), F.booleanNode(false), F.nullNode()));
            case 3:
            case 4: {
                ArrayNode a = F.arrayNode();
                for (int i = data.consumeInt(0, 5); i > 0; i--) {
                    a.add(value(data, depth - 1));
                }
                return a;
            }
            case 5:
            case 6: {
                ObjectNode o = F.objectNode();
                o.set(data.pickValue(KEYS), value(data, depth - 1));
                for (int i = data.consumeInt(0, 2); i > 0; i--) {
                    o.set("K" + i, value(data, depth - 1));
                }
                return o;
            }
            default: {
                ObjectNode o = F.objectNode();
                String function = data.pickValue(FUNCTIONS);
                if (data.consumeBoolean()) {
                    ArrayNode args = F.arrayNode();
                    for (int i = data.consumeInt(0, 5); i > 0; i--) {
                        args.add(value(data, depth - 1));
                    }
                    o.set(function, args);
                } else {
                    o.set(function, value(data, depth - 1));
                }
                return o;
            }
        }
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    /** Where a value starts: right after a ": " chosen by {@code data} (YAML and JSON alike), else anywhere. */
    private static int valueStart(byte[] in, FuzzedDataProvider data) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == ':' && in[i + 1] == ' ') {
                starts.add(i + 2);
            }
        }
        return starts.isEmpty() ? data.consumeInt(0, in.length) : data.pickValue(starts);
    }

    private static JsonNode firstProperties(ObjectNode root) {
        for (JsonNode r : root.path("Resources")) {
            if (r.path("Properties").isContainerNode()) {
                return r.get("Properties");
            }
        }
        return null;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                collectContainers(child, out);
            }
        }
    }
}
