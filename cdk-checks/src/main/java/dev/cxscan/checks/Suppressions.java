package dev.cxscan.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads suppressions from a resource's Metadata: {@code cxscan: {suppressions: [{id, reason}]}}.
 * A suppression without a reason is ignored with a warning. cdk-nag's
 * {@code cdk_nag.rules_to_suppress} is reported in the message but never suppresses a cxscan check.
 */
public final class Suppressions {
    private Suppressions() {
    }

    /** The reason the resource's metadata gives for suppressing {@code checkId}, if any. */
    public static Optional<String> reasonFor(Resource resource, String checkId, Diagnostics diagnostics) {
        for (JsonNode s : Values.list(resource.attribute("Metadata").path("cxscan").path("suppressions"))) {
            if (!checkId.equals(s.path("id").asText(null))) {
                continue;
            }
            String reason = s.path("reason").asText("").trim();
            if (reason.isEmpty()) {
                diagnostics.warn(resource.location().displayLocation() + ": suppression of " + checkId + " on "
                        + resource.id() + " has no reason and is ignored");
                continue;
            }
            return Optional.of(reason);
        }
        return Optional.empty();
    }

    /** cdk-nag rule ids (with reasons) suppressed on this resource, for the message. */
    public static List<String> cdkNagSuppressions(Resource resource) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : Values.list(resource.attribute("Metadata").path("cdk_nag").path("rules_to_suppress"))) {
            String id = s.path("id").asText("?");
            String reason = s.path("reason").asText("");
            out.add(reason.isEmpty() ? id : id + " (" + reason + ")");
        }
        return out;
    }
}
