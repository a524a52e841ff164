package dev.cxscan.checks.rules.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * REL-002: an AWS Backup plan actually backs something up. Judged per AWS::Backup::BackupPlan: it
 * passes when an AWS::Backup::BackupSelection whose BackupPlanId references it (Fn::GetAtt
 * Plan.BackupPlanId as CDK writes it, or Ref, which also returns the plan id) selects resources through
 * BackupSelection.Resources, ListOfTags or Conditions (NotResources alone selects nothing). A plan
 * without such a selection is an empty promise and fails.
 *
 * <p>Template-level view: CHECKS.md says a check with no resource of its type yields nothing for
 * templates, so a template without any backup plan gets no finding from this check (many workloads
 * are backed up by a plan in a central or separate stack); live scans report the account-level
 * NOT_APPLICABLE through the engine. A selection whose only selectors are intrinsics the template
 * does not resolve (a Ref to a list parameter) is reported unresolved rather than passed.
 */
public final class BackupPlanPresent extends AbstractRule {
    static final Check CHECK = Check.of("backup_plan_present",
            "AWS Backup plans have a backup selection assigning resources to them", Severity.MEDIUM, "REL-002",
            "Add an AWS::Backup::BackupSelection with BackupPlanId of the plan and Resources or ListOfTags; "
                    + "in CDK: plan.addSelection(id, BackupSelectionOptions.builder().resources(List.of("
                    + "BackupResource.fromConstruct(table)))...).");

    private static final String SELECTION = "AWS::Backup::BackupSelection";

    public BackupPlanPresent() {
        super(CHECK, "AWS::Backup::BackupPlan");
    }

    @Override
    public Verdict evaluate(Resource plan, RuleContext context) {
        JsonNode rules = plan.property("BackupPlan", "BackupPlanRule");
        if (rules.isArray() && rules.isEmpty()) {
            return Verdict.fail("backup plan has no BackupPlanRule, so it never runs a backup");
        }
        List<String> unresolved = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (Resource selection : context.resourcesOfType(SELECTION)) {
            Optional<Resource> target = context.resolveReference(selection.property("BackupPlanId"));
            if (target.isEmpty() || !target.get().id().equals(plan.id()) || !target.get().type().equals(plan.type())) {
                continue;
            }
            JsonNode spec = selection.property("BackupSelection");
            String selectors = selectors(spec);
            if (selectors != null) {
                return Verdict.pass("backup selection " + selection.id() + " assigns resources by " + selectors);
            }
            if (hasIntrinsicSelector(spec)) {
                unresolved.add("the resources of backup selection " + selection.id());
            } else {
                empty.add(selection.id());
            }
        }
        if (!unresolved.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unresolved));
        }
        if (!empty.isEmpty()) {
            return Verdict.fail("backup plan has no selection that assigns resources (" + String.join(", ", empty)
                    + " select nothing: no Resources, ListOfTags or Conditions)");
        }
        return Verdict.fail("backup plan has no selection: no AWS::Backup::BackupSelection references it, "
                + "so nothing is backed up");
    }

    /** Which literal selectors select something, e.g. "Resources (2)", or null for none. */
    private static String selectors(JsonNode spec) {
        List<String> found = new ArrayList<>();
        int resources = literalCount(spec.path("Resources"));
        if (resources > 0) {
            found.add("Resources (" + resources + ")");
        }
        int tags = literalCount(spec.path("ListOfTags"));
        if (tags > 0) {
            found.add("ListOfTags (" + tags + ")");
        }
        JsonNode conditions = spec.path("Conditions");
        int conditionCount = 0;
        if (conditions.isObject() && !Values.isIntrinsic(conditions)) {
            for (JsonNode list : conditions) {
                conditionCount += literalCount(list);
            }
        }
        if (conditionCount > 0) {
            found.add("Conditions (" + conditionCount + ")");
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    /** Entries of a literal list (each entry may itself be an intrinsic, e.g. a GetAtt of a table ARN). */
    private static int literalCount(JsonNode list) {
        if (!list.isArray()) {
            return 0;
        }
        int n = 0;
        for (JsonNode entry : list) {
            if (Values.isSet(entry)) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasIntrinsicSelector(JsonNode spec) {
        return Values.isIntrinsic(spec) || Values.isIntrinsic(spec.path("Resources"))
                || Values.isIntrinsic(spec.path("ListOfTags")) || Values.isIntrinsic(spec.path("Conditions"));
    }
}
