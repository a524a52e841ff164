package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.PolicyDocument.Statement;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading S3 policy statements for the trail bucket rules: which object-writing and deleting actions
 * a statement covers (IAM wildcards, NotAction), and who its principals are.
 */
final class S3Grants {
    /** Actions that put content (or ACLs on content) into a bucket. */
    static final List<String> OBJECT_WRITES = List.of(
            "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:ReplicateObject", "s3:RestoreObject");
    /** Actions whose denial protects the bucket and its objects from deletion. */
    static final List<String> DELETES = List.of("s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectVersion");
    static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    /**
     * Condition keys that only narrow who a Deny applies to (a break-glass exception, or "without
     * MFA"): a Deny with only these still protects against deletion by everyone else. Any other key
     * (aws:SecureTransport, aws:SourceIp ...) makes the Deny apply to some requests only.
     */
    private static final Set<String> PRINCIPAL_SCOPING_KEYS = Set.of(
            "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:userid", "aws:username",
            "aws:multifactorauthpresent", "aws:multifactorauthage");

    private S3Grants() {
    }

    /** IAM action matching: case-insensitive, '*' and '?' wildcards. */
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return action.toLowerCase(Locale.ROOT).matches(regex.toString());
    }

    /** The actions of {@code candidates} the statement covers (Action) or does not exclude (NotAction). */
    static List<String> covered(Statement s, List<String> candidates) {
        List<String> out = new ArrayList<>();
        boolean notAction = !s.notActions().isEmpty();
        List<String> patterns = notAction ? texts(s.notActions()) : s.actionNames();
        for (String action : candidates) {
            boolean hit = patterns.stream().anyMatch(p -> matches(p, action));
            if (hit != notAction) {
                out.add(action);
            }
        }
        return out;
    }

    /** The first Action or NotAction value that is not a literal, for messages; null when all are literal. */
    static JsonNode intrinsicAction(Statement s) {
        for (List<JsonNode> list : List.of(s.actions(), s.notActions())) {
            for (JsonNode n : list) {
                if (!n.isTextual()) {
                    return n;
                }
            }
        }
        return null;
    }

    /** True when Action or NotAction holds an intrinsic the rule cannot read. */
    static boolean hasIntrinsicAction(Statement s) {
        return s.actions().stream().anyMatch(n -> !n.isTextual()) || s.notActions().stream().anyMatch(n -> !n.isTextual());
    }

    /** Who a statement applies to, split into the CloudTrail service, others, and unreadable values. */
    record Principals(boolean cloudTrail, List<String> others, List<String> unknown) {
    }

    static Principals principals(Statement s) {
        List<String> others = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        boolean cloudTrail = false;
        if (!Values.isAbsent(s.notPrincipal())) {
            others.add("everyone except NotPrincipal " + Values.describe(s.notPrincipal()));
        }
        JsonNode p = s.principal();
        if (Values.isAbsent(p)) {
            if (Values.isAbsent(s.notPrincipal())) {
                others.add("no Principal given");
            }
        } else if (p.isTextual()) {
            others.add("Principal " + p.textValue());
        } else if (p.isObject() && !Values.isIntrinsic(p)) {
            Iterator<Map.Entry<String, JsonNode>> it = p.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String kind = e.getKey();
                for (JsonNode v : Values.list(e.getValue())) {
                    String text = v.isTextual() ? v.textValue() : literalText(v);
                    if (text != null) {
                        if (kind.equals("Service") && isCloudTrail(text)) {
                            cloudTrail = true;
                        } else {
                            others.add(kind + " " + text);
                        }
                    } else if (kind.equals("Service")) {
                        unknown.add("Service " + Values.describe(v));
                    } else {
                        others.add(kind + " " + render(v));
                    }
                }
            }
        } else {
            unknown.add("Principal " + Values.describe(p));
        }
        return new Principals(cloudTrail, others, unknown);
    }

    /** True when the statement applies to every principal ("*", AWS "*", or a NotPrincipal exception list). */
    static boolean everyone(Statement s) {
        if (!Values.isAbsent(s.notPrincipal())) {
            return true;
        }
        JsonNode p = s.principal();
        if (p.isTextual()) {
            return p.textValue().equals("*");
        }
        return s.principals("AWS").contains("*");
    }

    /** Condition keys of a Deny that make it apply only to some requests; empty when it is unconditional enough. */
    static List<String> limitingConditionKeys(Statement s) {
        List<String> out = new ArrayList<>();
        for (String key : s.conditionKeys()) {
            if (!PRINCIPAL_SCOPING_KEYS.contains(key) && !key.startsWith("aws:principaltag/")) {
                out.add(key);
            }
        }
        return out;
    }

    static boolean isCloudTrail(String principal) {
        return principal.equalsIgnoreCase(CLOUDTRAIL) || principal.equalsIgnoreCase(CLOUDTRAIL + ".cn");
    }

    /** "Sid X" or "statement #n" for messages. */
    static String name(Statement s, int index) {
        return s.sid() != null && !s.sid().isBlank() ? "statement " + s.sid() : "statement #" + (index + 1);
    }

    /**
     * The text of a value built only from literals and AWS::URLSuffix (older CDK versions write service
     * principals as Fn::Join ["", ["cloudtrail.", {"Ref": "AWS::URLSuffix"}]]); null otherwise.
     */
    static String literalText(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (!Values.isIntrinsic(v)) {
            return null;
        }
        if ("AWS::URLSuffix".equals(v.path("Ref").asText(null))) {
            return "amazonaws.com";
        }
        JsonNode join = v.get("Fn::Join");
        if (join != null && join.isArray() && join.size() == 2 && join.get(0).isTextual() && join.get(1).isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : join.get(1)) {
                String t = literalText(part);
                if (t == null) {
                    return null;
                }
                parts.add(t);
            }
            return String.join(join.get(0).textValue(), parts);
        }
        JsonNode sub = v.get("Fn::Sub");
        if (sub != null && sub.isTextual()) {
            String t = sub.textValue().replace("${AWS::URLSuffix}", "amazonaws.com");
            return t.contains("${") ? null : t;
        }
        return null;
    }

    /** A value for messages: Fn::Join / Fn::Sub shown as the text they build, with ${Ref} placeholders. */
    static String render(JsonNode v) {
        if (v == null || Values.isAbsent(v)) {
            return "absent";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (Values.isIntrinsic(v)) {
            String fn = v.fieldNames().next();
            JsonNode arg = v.get(fn);
            if (fn.equals("Ref")) {
                return "${" + arg.asText() + "}";
            }
            if (fn.equals("Fn::GetAtt")) {
                return "${" + (arg.isArray() ? arg.path(0).asText() + "." + arg.path(1).asText() : arg.asText()) + "}";
            }
            if (fn.equals("Fn::Sub")) {
                JsonNode pattern = arg.isArray() ? arg.path(0) : arg;
                if (pattern.isTextual()) {
                    return pattern.textValue();
                }
            }
            if (fn.equals("Fn::Join") && arg.isArray() && arg.size() == 2 && arg.get(1).isArray()) {
                List<String> parts = new ArrayList<>();
                arg.get(1).forEach(part -> parts.add(render(part)));
                return String.join(arg.get(0).asText(), parts);
            }
        }
        return Values.describe(v);
    }

    private static List<String> texts(List<JsonNode> nodes) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            Values.text(n).ifPresent(out::add);
        }
        return out;
    }
}
