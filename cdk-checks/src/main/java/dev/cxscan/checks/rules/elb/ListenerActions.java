package dev.cxscan.checks.rules.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading ELBv2 listener and listener-rule actions. */
final class ListenerActions {
    private ListenerActions() {
    }

    /**
     * Empty when every action is a redirect to HTTPS; otherwise what else the actions do
     * ("forward", "fixed-response", "redirect to #{protocol}", "not resolvable").
     */
    static Optional<String> nonRedirect(JsonNode actions) {
        if (Values.isIntrinsic(actions)) {
            return Optional.of("are not resolvable (" + Values.describe(actions) + ")");
        }
        List<JsonNode> list = Values.list(actions);
        if (list.isEmpty()) {
            return Optional.of("are missing");
        }
        List<String> other = new ArrayList<>();
        for (JsonNode action : list) {
            String type = Values.text(action.path("Type")).orElse("");
            if (type.equalsIgnoreCase("redirect")) {
                JsonNode protocol = action.path("RedirectConfig").path("Protocol");
                if (!Values.textEquals(protocol, "HTTPS")) {
                    other.add("redirect to " + (Values.isAbsent(protocol) ? "#{protocol} (the same protocol)" : Values.describe(protocol)));
                }
            } else if (!type.isEmpty()) {
                other.add(type);
            } else if (!Values.isAbsent(action.path("TargetGroupArn"))) {
                other.add("forward to " + Values.describe(action.path("TargetGroupArn")));
            } else {
                other.add(Values.describe(action));
            }
        }
        return other.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", other));
    }
}
