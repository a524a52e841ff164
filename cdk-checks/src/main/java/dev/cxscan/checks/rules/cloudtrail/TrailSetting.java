package dev.cxscan.checks.rules.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.Optional;

/**
 * Whether a trail property that names something (a key, a log group, a role) is set. A literal, a
 * Ref or Fn::GetAtt to a resource of the template, an import, or a Fn::Sub / Fn::Join with literal
 * text is set; a Ref to a parameter without default (or any other value the template does not
 * determine) is unknown, never set.
 */
record TrailSetting(State state, String description) {
    enum State { SET, UNSET, UNKNOWN }

    static TrailSetting read(JsonNode value, RuleContext context) {
        if (Values.isAbsent(value)) {
            return new TrailSetting(State.UNSET, "not set");
        }
        if (value.isTextual()) {
            return value.textValue().isBlank()
                    ? new TrailSetting(State.UNSET, "empty")
                    : new TrailSetting(State.SET, "'" + value.textValue() + "'");
        }
        if (value.isNumber() || value.isBoolean()) {
            return new TrailSetting(State.SET, "'" + value.asText() + "'");
        }
        if (!Values.isIntrinsic(value)) {
            return new TrailSetting(State.UNKNOWN, Values.describe(value));
        }
        String fn = value.fieldNames().next();
        String described = Values.describe(value);
        switch (fn) {
            case "Ref", "Fn::GetAtt" -> {
                String target = value.get(fn).isArray() ? value.get(fn).path(0).asText("") : value.get(fn).asText("");
                if (fn.equals("Ref") && target.startsWith("AWS::")) {
                    return new TrailSetting(State.SET, described);
                }
                Optional<Resource> r = context.resolveReference(value);
                return r.map(res -> new TrailSetting(State.SET, described + " (" + res.type() + ")"))
                        .orElseGet(() -> new TrailSetting(State.UNKNOWN, described));
            }
            case "Fn::ImportValue" -> {
                return new TrailSetting(State.SET, "an imported value (Fn::ImportValue)");
            }
            case "Fn::Sub", "Fn::Join" -> {
                return hasLiteralText(value.get(fn), fn.equals("Fn::Sub")) || context.resolveReference(value).isPresent()
                        ? new TrailSetting(State.SET, "built with " + fn)
                        : new TrailSetting(State.UNKNOWN, described);
            }
            default -> {
                return new TrailSetting(State.UNKNOWN, described);
            }
        }
    }

    boolean isSet() {
        return state == State.SET;
    }

    private static boolean hasLiteralText(JsonNode args, boolean sub) {
        if (sub) {
            JsonNode pattern = args.isArray() ? args.path(0) : args;
            return pattern.isTextual() && !pattern.textValue().replaceAll("\\$\\{[^}]*}", "").isBlank();
        }
        JsonNode parts = args.path(1);
        if (!parts.isArray()) {
            return false;
        }
        for (JsonNode p : parts) {
            if (p.isTextual() && !p.textValue().isBlank()) {
                return true;
            }
        }
        return false;
    }
}
