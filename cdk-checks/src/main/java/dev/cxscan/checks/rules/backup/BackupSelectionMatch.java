package dev.cxscan.checks.rules.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether one AWS::Backup::BackupSelection selects one resource, as AWS Backup assigns resources: the resource is
 * in Resources (an ARN, an ARN pattern with * such as arn:aws:rds:*:*:db:*, or "*"; templates: a Ref, Fn::GetAtt,
 * Fn::Sub or Fn::Join naming the resource) or carries a tag of ListOfTags (STRINGEQUALS; any one of them); a
 * selection with only Conditions selects every resource; then every Conditions entry (StringEquals,
 * StringNotEquals, StringLike, StringNotLike on aws:ResourceTag/KEY) must hold, and no NotResources entry may
 * match. In templates the region and account of an ARN pattern are not known before deployment and match any;
 * a pattern naming a specific resource cannot match a name CloudFormation generates (UNKNOWN). Anything built
 * from a parameter or an intrinsic the template does not resolve, or tags a probe did not read, is UNKNOWN.
 */
final class BackupSelectionMatch {
    /** @param how for TRUE: what selected it; for FALSE or UNKNOWN: why not, or what could not be read */
    record Match(Tri covered, String how) {
    }

    private static final List<String> CONDITION_OPERATORS = List.of("StringEquals", "StringNotEquals", "StringLike",
            "StringNotLike");
    private static final String TAG_KEY = "aws:ResourceTag/";

    private BackupSelectionMatch() {
    }

    static Match of(Resource selection, Resource target, RuleContext context) {
        JsonNode spec = selection.property("BackupSelection");
        if (Values.isIntrinsic(spec)) {
            return new Match(Tri.UNKNOWN, "the BackupSelection of " + selection.id() + " is built with " + Values.describe(spec));
        }
        List<String> unknown = new ArrayList<>();
        String how = null;
        JsonNode resources = spec.path("Resources");
        if (Values.isIntrinsic(resources)) {
            unknown.add("Resources of " + selection.id() + " (" + Values.describe(resources) + ")");
        } else {
            for (JsonNode entry : Values.list(resources)) {
                Match m = arn(entry, target, context);
                if (m.covered().isTrue()) {
                    how = m.how();
                    break;
                }
                if (m.covered() == Tri.UNKNOWN) {
                    unknown.add(m.how());
                }
            }
        }
        JsonNode listOfTags = spec.path("ListOfTags");
        if (how == null && Values.isSet(listOfTags)) {
            Optional<Map<String, String>> tags = BackupTargets.tags(target);
            if (Values.isIntrinsic(listOfTags)) {
                unknown.add("ListOfTags of " + selection.id() + " (" + Values.describe(listOfTags) + ")");
            } else if (tags.isEmpty()) {
                unknown.add("the tags of " + target.id() + " (not read)");
            } else {
                for (JsonNode t : listOfTags) {
                    Tri m = tag(t, "STRINGEQUALS", tags.get());
                    if (m.isTrue()) {
                        how = "tag " + describeTag(t);
                        break;
                    }
                    if (m == Tri.UNKNOWN) {
                        unknown.add("tag condition " + Values.describe(t) + " of " + selection.id());
                    }
                }
            }
        }
        JsonNode conditions = spec.path("Conditions");
        boolean hasConditions = Values.isIntrinsic(conditions) || CONDITION_OPERATORS.stream()
                .anyMatch(op -> Values.isSet(conditions.path(op)));
        if (how == null && hasConditions && !Values.isSet(resources) && !Values.isSet(listOfTags)) {
            how = "Conditions";
        }
        if (how == null) {
            return unknown.isEmpty() ? new Match(Tri.FALSE, "not selected by " + selection.id())
                    : new Match(Tri.UNKNOWN, String.join(", ", unknown));
        }
        if (hasConditions) {
            Match c = conditions(conditions, selection, target);
            if (!c.covered().isTrue()) {
                return c;
            }
            how += " and its conditions (" + c.how() + ")";
        }
        for (JsonNode entry : Values.list(spec.path("NotResources"))) {
            Match m = arn(entry, target, context);
            if (m.covered().isTrue()) {
                return new Match(Tri.FALSE, "excluded by NotResources of " + selection.id() + " (" + m.how() + ")");
            }
            if (m.covered() == Tri.UNKNOWN) {
                return new Match(Tri.UNKNOWN, "NotResources of " + selection.id() + ": " + m.how());
            }
        }
        return new Match(Tri.TRUE, how);
    }

    private static Match conditions(JsonNode conditions, Resource selection, Resource target) {
        if (Values.isIntrinsic(conditions)) {
            return new Match(Tri.UNKNOWN, "Conditions of " + selection.id() + " (" + Values.describe(conditions) + ")");
        }
        Optional<Map<String, String>> tags = BackupTargets.tags(target);
        if (tags.isEmpty()) {
            return new Match(Tri.UNKNOWN, "the tags of " + target.id() + " (not read)");
        }
        List<String> met = new ArrayList<>();
        for (String op : CONDITION_OPERATORS) {
            for (JsonNode c : Values.list(conditions.path(op))) {
                Tri m = tag(c, op, tags.get());
                if (m == Tri.UNKNOWN) {
                    return new Match(Tri.UNKNOWN, "condition " + op + " " + Values.describe(c) + " of " + selection.id());
                }
                if (m.isFalse()) {
                    return new Match(Tri.FALSE, "its tags do not meet " + op + " " + describeTag(c) + " of " + selection.id());
                }
                met.add(op + " " + describeTag(c));
            }
        }
        return new Match(Tri.TRUE, String.join(", ", met));
    }

    /** One tag condition ({ConditionKey, ConditionValue}) under an operator, on the resource's tags. */
    private static Tri tag(JsonNode condition, String operator, Map<String, String> tags) {
        Optional<String> key = Values.text(condition.path("ConditionKey"));
        Optional<String> value = Values.text(condition.path("ConditionValue"));
        if (key.isEmpty() || value.isEmpty()) {
            return Tri.UNKNOWN;
        }
        String k = key.get().startsWith(TAG_KEY) ? key.get().substring(TAG_KEY.length()) : key.get();
        String actual = tags.get(k);
        return switch (operator.toUpperCase(java.util.Locale.ROOT)) {
            case "STRINGEQUALS" -> Tri.of(value.get().equals(actual));
            case "STRINGNOTEQUALS" -> Tri.of(!value.get().equals(actual));
            case "STRINGLIKE" -> Tri.of(actual != null && glob(value.get()).matcher(actual).matches());
            case "STRINGNOTLIKE" -> Tri.of(actual == null || !glob(value.get()).matcher(actual).matches());
            default -> Tri.UNKNOWN;
        };
    }

    private static String describeTag(JsonNode c) {
        return c.path("ConditionKey").asText() + "=" + c.path("ConditionValue").asText();
    }

    /** One Resources / NotResources entry against the resource. */
    static Match arn(JsonNode entry, Resource target, RuleContext context) {
        if (!target.isLive() && Values.isIntrinsic(entry)) {
            Optional<Resource> ref = context.resolveReference(entry);
            if (ref.isPresent()) {
                boolean same = ref.get().id().equals(target.id()) && ref.get().type().equals(target.type());
                return new Match(Tri.of(same), "reference to " + ref.get().id());
            }
            Optional<String> pattern = pseudoPattern(entry);
            if (pattern.isEmpty()) {
                return new Match(Tri.UNKNOWN, "entry " + Values.describe(entry) + " is not resolvable from the template");
            }
            return pattern(pattern.get(), target);
        }
        Optional<String> text = Values.text(entry);
        if (text.isEmpty()) {
            return new Match(Tri.UNKNOWN, "entry " + Values.describe(entry));
        }
        return pattern(text.get(), target);
    }

    /** An ARN or ARN pattern against the resource. */
    private static Match pattern(String pattern, Resource target) {
        boolean wildcard = pattern.contains("*");
        String how = (wildcard ? "pattern " : "ARN ") + pattern;
        if (pattern.equals("*")) {
            return new Match(Tri.TRUE, how);
        }
        String[] p = pattern.split(":", 6);
        if (p.length < 6 || !p[0].equals("arn")) {
            return new Match(Tri.FALSE, how);
        }
        Optional<String> part = BackupTargets.resourcePart(target);
        if (target.isLive()) {
            String arn = target.location().arn();
            return new Match(Tri.of(arn != null && glob(pattern).matcher(arn).matches()), how);
        }
        // template: partition, region and account are the deployment's; only the service and resource part are known
        if (!glob(p[2]).matcher(BackupTargets.service(target)).matches()) {
            return new Match(Tri.FALSE, how);
        }
        if (part.isPresent()) {
            return new Match(Tri.of(glob(p[5]).matcher(part.get()).matches()), how);
        }
        String prefix = BackupTargets.TYPES.get(target.type()).prefix();
        String glob = p[5];
        if (glob.endsWith("*") && prefix.startsWith(glob.substring(0, glob.length() - 1))) {
            return new Match(Tri.TRUE, how);
        }
        return glob.startsWith(prefix)
                ? new Match(Tri.UNKNOWN, how + " names a resource whose name CloudFormation generates")
                : new Match(Tri.FALSE, how);
    }

    /**
     * A Fn::Sub or Fn::Join built only from literals and pseudo parameters (AWS::Partition, AWS::Region,
     * AWS::AccountId, ...) as an ARN pattern, each pseudo parameter a wildcard; empty for anything else.
     */
    private static Optional<String> pseudoPattern(JsonNode entry) {
        JsonNode sub = entry.get("Fn::Sub");
        if (sub != null && sub.isTextual()) {
            String s = sub.textValue();
            String rendered = s.replaceAll("\\$\\{AWS::[A-Za-z]+}", "*");
            return rendered.contains("${") ? Optional.empty() : Optional.of(rendered);
        }
        JsonNode join = entry.get("Fn::Join");
        if (join != null && join.isArray() && join.size() == 2 && join.get(0).isTextual() && join.get(1).isArray()) {
            StringBuilder b = new StringBuilder();
            String sep = join.get(0).textValue();
            int i = 0;
            for (JsonNode part : join.get(1)) {
                if (i++ > 0) {
                    b.append(sep);
                }
                JsonNode ref = part.path("Ref");
                if (part.isTextual()) {
                    b.append(part.textValue());
                } else if (ref.isTextual() && ref.textValue().startsWith("AWS::")) {
                    b.append('*');
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of(b.toString());
        }
        return Optional.empty();
    }

    /** "*" matches any run of characters (AWS Backup's ARN and StringLike wildcard); everything else is literal. */
    private static Pattern glob(String glob) {
        List<String> pieces = new ArrayList<>();
        for (String piece : glob.split("\\*", -1)) {
            pieces.add(Pattern.quote(piece));
        }
        return Pattern.compile(String.join(".*", pieces), Pattern.DOTALL);
    }
}
