package dev.cxscan.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets, keys, tokens and passwords out of every report file, and nothing else. Two layers:
 * <ul>
 *   <li>Structure: in resource data (template entries, API answers) the string values of properties whose name
 *       holds a secret ({@link SecretNames}: {@code MasterUserPassword}, {@code SecretString}, {@code AuthToken},
 *       {@code SecretAccessKey}, ...; not {@code HttpTokens}, {@code MinimumPasswordLength},
 *       {@code PasswordResetRequired}, {@code GenerateSecretString}, ...) are replaced, and so are the values of
 *       name/value pairs with such a name ({@code {"Name": "DB_PASSWORD", "Value": ...}} in container
 *       environments, {@code {"Key": ..., "Value": ...}} in tags). Kept: intrinsic references ({@code Ref},
 *       {@code Fn::GetAtt}, {@code Fn::ImportValue}, {@code Fn::FindInMap}, the condition of {@code Fn::If}, a
 *       {@code Fn::Join} building a dynamic reference) and values that only name a secret
 *       ({@link SecretValues#isReference}: dynamic references, ARNs, SSM parameter names, booleans, ...).</li>
 *   <li>Text, everywhere (messages, ids, excerpts, stdout): the replaced values that look like secrets
 *       ({@link SecretValues#isLearnable}: 8+ characters mixing letters with digits or symbols, or 20+ letters;
 *       never short words, numbers or enumerations such as {@code required}), AWS access key ids
 *       (AKIA/ASIA/ABIA/ACCA + 16), PEM private keys, random-looking runs of 100+ base64 characters (entropy
 *       5 bits per character or more: a session token, not a long CDK logical id), and {@code name=value} /
 *       {@code "name": "value"} pairs whose name holds a secret.</li>
 * </ul>
 * Names are evidence, not secrets: JSON keys and the targets of {@code Ref}, {@code Fn::GetAtt}, {@code DependsOn}
 * and {@code Condition} (logical ids) are only checked for the shapes no name can innocently have (access key
 * ids, PEM keys). cxscan's own text (check titles, remediation) is never redacted; its finding messages are, but
 * only a learned secret or one of those shapes inside them is masked.
 * <p>A 40-character secret access key has no recognisable shape of its own (a logical id can look the same), so
 * it is caught by its property name or by being remembered, not by pattern.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)");
    private static final Pattern LONG_BASE64 = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{100,}={0,2}");
    private static final String NAME = "[A-Za-z0-9_.-]*(?i:password|passwd|secret|token|private_?key|access_?key|credential|api_?key|passphrase)[A-Za-z0-9_.-]*";
    /** Groups: 1 the name and separator, 2 the name, 3 the quoted value; or 4 "name=", 5 the name, 6 the bare value. */
    private static final Pattern NAME_VALUE = Pattern.compile(
            "(\"?(" + NAME + ")\"?\\s*(?:=|:)\\s*)(\"[^\"]*\"|'[^']*')"
                    + "|((" + NAME + ")=)([^\\s,;&\"']+)");
    /** Keys whose value is a logical id or a list of them: names, never secrets. */
    private static final Set<String> NAME_KEYS = Set.of("Ref", "Fn::GetAtt", "DependsOn", "Condition");
    /** Intrinsic functions whose argument names something (a resource, an export, a mapping): kept whole. */
    private static final Set<String> REFERENCES = Set.of("Ref", "Fn::GetAtt", "Fn::ImportValue", "Fn::FindInMap");

    /** Lower-case words one of which a text must contain for the name=value pattern to possibly match. */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "token", "key",
            "credential", "passphrase");
    /** The last result {@link #scrub} returned: writers scrub again, and a scrubbed result needs no second pass. */
    private static volatile ScanResult lastScrubbed;

    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, String> memo = new java.util.HashMap<>();
    /** {@link #known}, longest first, rebuilt only when a value was added. */
    private List<String> knownLongestFirst = List.of();

    /** A redactor with nothing remembered yet. */
    public Redactor() {
    }

    /** A redactor that has learned the secret values held in the result's resource data. */
    public static Redactor forResult(ScanResult result) {
        Redactor r = new Redactor();
        result.resourceData().values().forEach(r::learn);
        return r;
    }

    /**
     * Remembers the secret values under {@code node} exactly as {@link #json} would find them; the redacted copy is
     * dropped (copies are made only around secrets, which are rare).
     */
    private void learn(JsonNode node) {
        structure(node, false, false);
    }

    /** The secret values learned so far (for tests). */
    Set<String> remembered() {
        return Set.copyOf(known);
    }

    /** Removes secrets from free text (messages, ids, statements). Null stays null. */
    public String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        String out = s;
        if (knownLongestFirst.size() != known.size()) {
            List<String> values = new ArrayList<>(known);
            values.sort(Comparator.comparingInt(String::length).reversed());
            knownLongestFirst = values;
        }
        for (String v : knownLongestFirst) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        out = unmistakable(out);
        // cheap tests first: almost every text (logical ids, paths, messages) has none of these shapes,
        // and the scan of a large assembly redacts hundreds of thousands of them
        if (out.length() >= 100) {
            out = tokenRuns(out);
        }
        if (!mayHoldNamedSecret(out)) {
            return out;
        }
        return namedValues(out);
    }

    /** Access key ids and PEM private keys: shapes that no name, message or setting has by chance. */
    private static String unmistakable(String s) {
        String out = s;
        if (out.contains("PRIVATE KEY")) {
            out = PEM.matcher(out).replaceAll(MASK);
        }
        if (out.length() >= 20 && (out.contains("AKIA") || out.contains("ASIA") || out.contains("ABIA") || out.contains("ACCA"))) {
            out = ACCESS_KEY_ID.matcher(out).replaceAll(MASK);
        }
        return out;
    }

    /** Masks the random-looking runs of 100+ base64 characters (session tokens); long logical ids stay. */
    private static String tokenRuns(String s) {
        Matcher m = LONG_BASE64.matcher(s);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (SecretValues.isTokenLike(m.group())) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                }
                sb.append(s, last, m.start()).append(MASK);
                last = m.end();
            }
        }
        return sb == null ? s : sb.append(s, last, s.length()).toString();
    }

    /** {@code password=...} and {@code "ClientSecret": "..."}: masked when the name holds a secret and the value is no reference. */
    private static String namedValues(String s) {
        Matcher m = NAME_VALUE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null) {
                String quoted = m.group(3);
                String value = quoted.substring(1, quoted.length() - 1);
                char q = quoted.charAt(0);
                replacement = keepsNamedValue(m.group(2), value) ? m.group() : m.group(1) + q + MASK + q;
            } else {
                replacement = keepsNamedValue(m.group(5), m.group(6)) ? m.group() : m.group(4) + MASK;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean keepsNamedValue(String name, String value) {
        return !SecretNames.holdsSecret(name) || SecretValues.isReference(value);
    }

    /**
     * True when a secret-looking word is followed, after more name characters, an optional quote and spaces,
     * by '=' or ':': the precondition of NAME_VALUE, checked without the regular expression.
     */
    private static boolean mayHoldNamedSecret(String s) {
        if (s.indexOf('=') < 0 && s.indexOf(':') < 0) {
            return false;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (String word : SECRET_WORDS) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                int i = at + word.length();
                while (i < lower.length() && isNameChar(lower.charAt(i))) {
                    i++;
                }
                if (i < lower.length() && lower.charAt(i) == '"') {
                    i++;
                }
                while (i < lower.length() && Character.isWhitespace(lower.charAt(i))) {
                    i++;
                }
                if (i < lower.length() && (lower.charAt(i) == '=' || lower.charAt(i) == ':')) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    }

    /**
     * Resource data redacted; secret values found are remembered for {@link #text}. Parts with nothing to redact are
     * the input's own nodes, not copies (a copy of every resource of a large account doubled the heap the data
     * took): the input is left unchanged, and neither it nor the answer may be modified afterwards.
     */
    public JsonNode json(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode structural = structure(node, false, false);
        return texts(structural, false);
    }

    /**
     * @param secret  under a secret-named property: string leaves are redacted
     * @param setting under a property that points to or describes a secret (e.g. TokenValidityUnits): names
     *                below it are settings, not secrets
     * @return {@code node} itself when nothing under it is redacted
     */
    private JsonNode structure(JsonNode node, boolean secret, boolean setting) {
        if (node.isObject()) {
            ObjectNode out = null; // made at the first changed value
            boolean secretPair = isSecretPair(node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                JsonNode v = e.getValue();
                JsonNode r;
                if (secretPair && k.equals("Value")) {
                    r = structure(v, true, false);
                } else if (REFERENCES.contains(k) || (k.equals("Fn::Join") && buildsDynamicReference(v))) {
                    r = v;
                } else if (k.equals("Fn::If") && v.isArray() && v.size() == 3) {
                    r = conditional((ArrayNode) v, secret, setting);
                } else {
                    boolean settingName = SecretNames.isSetting(k);
                    boolean childSecret = !settingName && (secret || (!setting && SecretNames.holdsSecret(k)));
                    r = structure(v, childSecret, setting || settingName);
                }
                if (out == null && r != v) {
                    out = copyBefore((ObjectNode) node, k);
                }
                if (out != null) {
                    out.set(k, r);
                }
            }
            return out == null ? node : out;
        }
        if (node.isArray()) {
            ArrayNode out = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                JsonNode r = structure(v, secret, setting);
                if (out == null && r != v) {
                    out = JsonNodeFactory.instance.arrayNode();
                    for (int j = 0; j < i; j++) {
                        out.add(node.get(j));
                    }
                }
                if (out != null) {
                    out.add(r);
                }
            }
            return out == null ? node : out;
        }
        if (secret && node.isTextual()) {
            String v = node.asText();
            if (SecretValues.isReference(v)) {
                return node;
            }
            remember(v);
            return TextNode.valueOf(MASK);
        }
        return node;
    }

    /** {"Fn::If": [condition, then, else]}: the condition is a name; both branches are judged as the property. */
    private JsonNode conditional(ArrayNode args, boolean secret, boolean setting) {
        JsonNode then = structure(args.get(1), secret, setting);
        JsonNode otherwise = structure(args.get(2), secret, setting);
        if (then == args.get(1) && otherwise == args.get(2)) {
            return args;
        }
        return JsonNodeFactory.instance.arrayNode().add(args.get(0)).add(then).add(otherwise);
    }

    /** {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": ...}, ":SecretString:password::}}"]]} (CDK's form). */
    private static boolean buildsDynamicReference(JsonNode args) {
        JsonNode parts = args.isArray() && args.size() == 2 ? args.get(1) : null;
        if (parts == null || !parts.isArray()) {
            return false;
        }
        for (JsonNode p : parts) {
            if (p.isTextual() && p.asText().contains("{{resolve:")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Learns a masked value when it looks like a secret; a JSON object held as text (a literal SecretString
     * {"username": ..., "password": ...}) also teaches its own secret-named values, which messages may quote alone.
     */
    private void remember(String v) {
        if (SecretValues.isLearnable(v) && known.add(v)) {
            memo.clear();
        }
        if (v.length() > 2 && v.charAt(0) == '{' && v.charAt(v.length() - 1) == '}') {
            try {
                structure(JSON.readTree(v), false, false);
            } catch (java.io.IOException notJson) {
                // an ordinary secret that starts with a brace: learned (or not) as a whole above
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A new object with the fields of {@code node} that come before {@code key}, in order. */
    private static ObjectNode copyBefore(ObjectNode node, String key) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(key)) {
                break;
            }
            out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * A name/value pair whose name says secret: {"Name": "DB_PASSWORD", "Value": "..."} (ECS container
     * environment, Elastic Beanstalk option settings) or {"Key": "api-token", "Value": "..."} (tags).
     */
    private static boolean isSecretPair(JsonNode node) {
        JsonNode value = node.get("Value");
        if (value == null || node.size() > 4) {
            return false;
        }
        for (String nameField : List.of("Name", "Key", "OptionName")) {
            JsonNode name = node.get(nameField);
            if (name != null && name.isTextual()) {
                String n = name.asText();
                return SecretNames.holdsSecret(n);
            }
        }
        return false;
    }

    /**
     * {@link #text} on every string value; {@code node} itself when none changes. Keys and the logical ids under
     * {@link #NAME_KEYS} are names: only {@link #unmistakable} shapes are masked in them.
     *
     * @param name the strings under {@code node} are logical ids
     */
    private JsonNode texts(JsonNode node, boolean name) {
        if (node.isObject()) {
            ObjectNode out = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                String rk = unmistakable(k);
                JsonNode v = e.getValue();
                JsonNode r = texts(v, NAME_KEYS.contains(k));
                if (out == null && (r != v || !rk.equals(k))) {
                    out = copyBefore((ObjectNode) node, k);
                }
                if (out != null) {
                    out.set(rk, r);
                }
            }
            return out == null ? node : out;
        }
        if (node.isArray()) {
            ArrayNode out = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                JsonNode r = texts(v, name);
                if (out == null && r != v) {
                    out = JsonNodeFactory.instance.arrayNode();
                    for (int j = 0; j < i; j++) {
                        out.add(node.get(j));
                    }
                }
                if (out != null) {
                    out.add(r);
                }
            }
            return out == null ? node : out;
        }
        if (node.isTextual()) {
            String v = node.asText();
            String r = name ? unmistakable(v) : text(v);
            return r.equals(v) ? node : TextNode.valueOf(r);
        }
        return node;
    }

    /**
     * The whole result with every string a writer may print redacted: findings (message, resource,
     * suppression reason), scan info, control waivers, resource data and user statements. Check metadata
     * (cxscan's own text) is kept. Writers call this first, so no writer can forget a field.
     */
    public static ScanResult scrub(ScanResult result) {
        return scrub(result, true);
    }

    /**
     * As {@link #scrub(ScanResult)}; with {@code keepResourceData} false the resource data still teaches the
     * redactor its secret values but is left out of the result (only the evidence bundle prints it, and
     * redacting a copy of every template entry of a large assembly costs seconds).
     */
    public static ScanResult scrub(ScanResult result, boolean keepResourceData) {
        if (result == lastScrubbed) {
            return result;
        }
        Redactor r = forResult(result);
        Map<ResourceRef, JsonNode> data = new LinkedHashMap<>();
        if (keepResourceData) {
            result.resourceData().forEach((ref, node) -> data.put(r.ref(ref), r.json(node)));
        }
        List<Finding> findings = result.findings().stream().map(r::finding).toList();
        ScanInfo s = result.scan();
        ScanInfo scan = s == null ? null : new ScanInfo(s.startedAt(), s.finishedAt(), r.text(s.account()),
                r.text(s.callerArn()), s.regions().stream().map(r::text).toList(),
                s.templates().stream().map(r::text).toList(), s.apiCalls());
        List<ControlResult> controls = result.controls().stream().map(c -> new ControlResult(c.id(), c.title(),
                c.status(), c.waiver() == null ? null : r.map(c.waiver()), c.counts(), r.verdict(c.verdict()))).toList();
        Map<String, EvidenceFile.ControlEvidence> ev = new LinkedHashMap<>();
        result.userEvidence().controls().forEach((id, e) -> ev.put(id, new EvidenceFile.ControlEvidence(
                r.text(e.statement()), e.documents().stream().map(d -> new EvidenceFile.Document(r.text(d.title()),
                        d.file(), r.text(d.url()), d.path())).toList())));
        EvidenceFile evidence = new EvidenceFile(result.userEvidence().source(), ev);
        dev.cxscan.reports.wafr.WafrImport wafr = result.wafr() == null ? null : new dev.cxscan.reports.wafr.WafrImport(
                r.map(result.wafr().review()), result.wafr().attachments());
        ScanResult scrubbed = new ScanResult(result.schemaVersion(), result.tool(), scan, controls, findings,
                result.checks(), evidence, data, wafr, result.evidence());
        lastScrubbed = scrubbed;
        return scrubbed;
    }

    /** {@code copy} differs from {@code original} only by strings that need no redaction (hashes). */
    static void scrubbedAs(ScanResult original, ScanResult copy) {
        if (original == lastScrubbed) {
            lastScrubbed = copy;
        }
    }

    /** The finding redacted; the finding itself when nothing in it changes (a copy each held 75,000 on a large account). */
    private Finding finding(Finding f) {
        ResourceRef ref = ref(f.resource());
        String message = text(f.message());
        Suppression suppression = f.suppression() == null ? null : new Suppression(text(f.suppression().reason()));
        if (ref == f.resource() && java.util.Objects.equals(message, f.message()) && java.util.Objects.equals(suppression, f.suppression())) {
            return f;
        }
        return new Finding(f.check(), f.controls(), f.status(), f.severity(), ref, message, suppression);
    }

    /** The location redacted; {@code ref} itself when nothing in it changes. */
    private ResourceRef ref(ResourceRef ref) {
        if (ref == null) {
            return null;
        }
        String id = memoText(ref.id());
        String arn = memoText(ref.arn());
        String file = memoText(ref.file());
        String cdkPath = memoText(ref.cdkPath());
        String name = memoText(ref.name());
        Map<String, String> tags = tags(ref.tags());
        if (java.util.Objects.equals(id, ref.id()) && java.util.Objects.equals(arn, ref.arn())
                && java.util.Objects.equals(file, ref.file()) && java.util.Objects.equals(cdkPath, ref.cdkPath())
                && java.util.Objects.equals(name, ref.name()) && tags == ref.tags()) {
            return ref;
        }
        return new ResourceRef(ref.type(), id, arn, ref.region(), file, ref.line(), cdkPath, name, tags);
    }

    /**
     * Tags redacted as tag pairs are in resource data: the value of a tag whose key says secret is masked, every
     * other value passes through {@link #text}; {@code tags} itself when nothing changes.
     */
    private Map<String, String> tags(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return tags;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            String key = memoText(e.getKey());
            String value = e.getValue();
            String redacted = value == null || value.isEmpty() || value.startsWith("{{resolve:")
                    ? value : SecretNames.holdsSecret(e.getKey()) ? MASK : memoText(value);
            changed |= !java.util.Objects.equals(key, e.getKey()) || !java.util.Objects.equals(redacted, value);
            out.put(key, redacted);
        }
        return changed ? out : tags;
    }

    /** {@link #text} for values that repeat across findings (file paths, ids); valid because nothing is learned meanwhile. */
    private String memoText(String s) {
        return s == null ? null : memo.computeIfAbsent(s, this::text);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object v) {
        if (v instanceof String s) {
            return text(s);
        }
        if (v instanceof Map<?, ?> m) {
            return map((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(this::value).toList();
        }
        return v;
    }

    /** A control verdict with the user's texts in it (document titles) redacted; cxscan's own words kept. */
    ControlVerdict verdict(ControlVerdict v) {
        if (v == null) {
            return null;
        }
        return new ControlVerdict(v.automated(), v.evaluated(), v.notEvaluated(), v.evidence().stream()
                .map(e -> new ControlVerdict.EvidenceCoverage(e.item(), e.kind(), e.coveredBy(), text(e.detail())))
                .toList(), v.missing());
    }
}
