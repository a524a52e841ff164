package dev.cxscan.checks.rules.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import dev.cxscan.reports.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OPE-001: every CloudWatch alarm does something when it fires: AlarmActions holds at least one
 * action (SNS topic, Auto Scaling or EC2 action, Systems Manager incident) and ActionsEnabled is not
 * false. Metric alarms (AWS::CloudWatch::Alarm) and composite alarms are judged.
 *
 * <p>Judgment calls: CHECKS.md asks for "an alarm action", so OKActions or InsufficientDataActions
 * alone fail: they run when the alarm recovers or lacks data, never when it fires. The guard rule
 * CLOUDWATCH_ALARM_ACTION_CHECK accepts any of the three kinds; this disagreement is deliberate.
 * A metric alarm without its own actions passes when a composite alarm that has alarm actions
 * includes it in its AlarmRule (the usual noise-reduction pattern: children quiet, parent notifies).
 * An action list the template does not resolve (Ref to a list parameter) is reported unresolved.
 */
public final class CloudwatchAlarmActions extends AbstractRule {
    static final Check CHECK = Check.of("cloudwatch_alarm_actions",
            "Every CloudWatch alarm has an alarm action", Severity.LOW, "OPE-001",
            "Add AlarmActions (e.g. an SNS topic ARN that reaches the on-call team) and keep ActionsEnabled true; "
                    + "in CDK: alarm.addAlarmAction(new SnsAction(topic)).");

    private static final String METRIC_ALARM = "AWS::CloudWatch::Alarm";
    private static final String COMPOSITE = "AWS::CloudWatch::CompositeAlarm";

    public CloudwatchAlarmActions() {
        super(CHECK, METRIC_ALARM, COMPOSITE);
    }

    @Override
    public Verdict evaluate(Resource alarm, RuleContext context) {
        Verdict own = ownActions(alarm);
        if (own.status() != Status.FAIL || !own.message().startsWith("no AlarmActions")) {
            return own;
        }
        Optional<String> parent = notifyingComposite(alarm, context, new HashSet<>());
        if (parent.isPresent()) {
            return Verdict.pass("no AlarmActions of its own; composite alarm " + parent.get()
                    + " includes it and has alarm actions");
        }
        return own;
    }

    /** The alarm judged on its own properties; a FAIL starting "no AlarmActions" may still be saved by a composite. */
    private static Verdict ownActions(Resource alarm) {
        JsonNode enabled = alarm.property("ActionsEnabled");
        Tri on = Values.bool(enabled, Tri.TRUE);
        if (on == Tri.UNKNOWN) {
            return Verdict.unresolved("ActionsEnabled (" + Values.describe(enabled) + ")");
        }
        JsonNode actions = alarm.property("AlarmActions");
        if (Values.isIntrinsic(actions)) {
            return Verdict.unresolved("AlarmActions (" + Values.describe(actions) + ")");
        }
        List<String> found = new ArrayList<>();
        for (JsonNode action : Values.list(actions)) {
            if (Values.isSet(action)) {
                found.add(Values.describe(action));
            }
        }
        if (on == Tri.FALSE) {
            return Verdict.fail("ActionsEnabled is false: " + (found.isEmpty() ? "no action" : "none of its "
                    + found.size() + " alarm action(s)") + " runs when the alarm fires");
        }
        if (!found.isEmpty()) {
            return Verdict.pass("alarm action" + (found.size() == 1 ? " " : "s ") + String.join(", ", found));
        }
        List<String> others = new ArrayList<>();
        for (String kind : List.of("OKActions", "InsufficientDataActions")) {
            if (Values.isSet(alarm.property(kind)) && !Values.list(alarm.property(kind)).isEmpty()) {
                others.add(kind);
            }
        }
        return Verdict.fail("no AlarmActions: nothing is notified when the alarm fires"
                + (others.isEmpty() ? "" : " (only " + String.join(" and ", others)
                + ", which run on recovery or missing data, not on alarm)"));
    }

    /** A composite alarm with alarm actions whose AlarmRule names this alarm, directly or through other composites. */
    private static Optional<String> notifyingComposite(Resource alarm, RuleContext context, Set<String> visited) {
        if (!visited.add(alarm.id())) {
            return Optional.empty();
        }
        Optional<String> name = Values.text(alarm.property("AlarmName"));
        for (Resource composite : context.resourcesOfType(COMPOSITE)) {
            if (composite.id().equals(alarm.id()) || !ruleNames(composite.property("AlarmRule"), alarm.id(), name)) {
                continue;
            }
            if (ownActions(composite).status() == Status.PASS) {
                return Optional.of(composite.id());
            }
            Optional<String> higher = notifyingComposite(composite, context, visited);
            if (higher.isPresent()) {
                return Optional.of(composite.id() + " -> " + higher.get());
            }
        }
        return Optional.empty();
    }

    /** True when the rule references the alarm (Ref / GetAtt / Sub) or names it literally: ALARM("name"). */
    private static boolean ruleNames(JsonNode rule, String logicalId, Optional<String> name) {
        Set<String> ids = new LinkedHashSet<>();
        ResourceSet.collectReferences(rule, ids);
        if (ids.contains(logicalId)) {
            return true;
        }
        if (name.isEmpty()) {
            return false;
        }
        List<String> texts = new ArrayList<>();
        collectTexts(rule, texts);
        String quoted = "\"" + name.get() + "\"";
        String bare = "(" + name.get() + ")";
        return texts.stream().anyMatch(t -> t.contains(quoted) || t.contains(bare) || t.contains(":alarm:" + name.get()));
    }

    private static void collectTexts(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collectTexts(child, out));
        }
    }
}
