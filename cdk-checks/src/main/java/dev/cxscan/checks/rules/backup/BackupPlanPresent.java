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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * REL-002: the resources that need backups (RDS instances and clusters, DynamoDB tables, EFS file systems, EBS
 * volumes: {@link BackupTargets}) have an AWS Backup plan that backs something up. Judged per
 * AWS::Backup::BackupPlan: it
 * passes when an AWS::Backup::BackupSelection whose BackupPlanId references it (Fn::GetAtt
 * Plan.BackupPlanId as CDK writes it, or Ref, which also returns the plan id) selects resources through
 * BackupSelection.Resources, ListOfTags or Conditions (NotResources alone selects nothing). A plan
 * without such a selection is an empty promise and fails.
 *
 * <p>A scope (a template, or one region of an account) that holds resources to back up and no backup plan at all
 * FAILs once: the finding sits on its first such resource (clusters, instances, tables, file systems, volumes, in
 * that order) and names how many there are with examples; the others get no finding of this check
 * (backup_resource_covered judges each). A scope with nothing to back up and no plan yields nothing (templates)
 * or the account-level NOT_APPLICABLE (live). A plan in another stack or an AWS Organizations backup policy is
 * not visible from a template: suppress the finding with that reason. A selection whose only selectors are
 * intrinsics the template does not resolve (a Ref to a list parameter) is reported unresolved rather than passed.
 */
public final class BackupPlanPresent extends AbstractRule {
    static final Check CHECK = Check.of("backup_plan_present",
            "An AWS Backup plan with a selection exists wherever there are resources to back up", Severity.MEDIUM, "REL-002",
            "Add an AWS::Backup::BackupPlan with a rule and an AWS::Backup::BackupSelection with BackupPlanId of the plan "
                    + "and Resources or ListOfTags; "
                    + "in CDK: plan.addSelection(id, BackupSelectionOptions.builder().resources(List.of("
                    + "BackupResource.fromConstruct(table)))...).");

    private static final String SELECTION = BackupTargets.SELECTION;
    private static final Set<String> INPUTS = inputs();

    public BackupPlanPresent() {
        super(CHECK, types());
    }

    private static String[] types() {
        List<String> out = new ArrayList<>(List.of(BackupTargets.PLAN));
        out.addAll(BackupTargets.TYPES.keySet());
        return out.toArray(String[]::new);
    }

    private static Set<String> inputs() {
        Set<String> out = new LinkedHashSet<>(List.of(types()));
        out.add(SELECTION);
        return Set.copyOf(out);
    }

    /** The plans, their selections and every resource to back up of the scope (the one "no plan" FAIL counts them). */
    @Override
    public Set<String> lookedUpTypes() {
        return INPUTS;
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (!resource.type().equals(BackupTargets.PLAN)) {
            return noPlan(resource, context);
        }
        return judgePlan(resource, context);
    }

    /** The one FAIL of a scope with resources to back up and no plan, on its first such resource. */
    private static Verdict noPlan(Resource resource, RuleContext context) {
        if (!BackupTargets.isTarget(resource) || !context.resourcesOfType(BackupTargets.PLAN).isEmpty()) {
            return Verdict.notApplicable();
        }
        List<Resource> targets = BackupTargets.all(context);
        Resource first = targets.get(0);
        if (!first.id().equals(resource.id()) || !first.type().equals(resource.type())) {
            return Verdict.notApplicable();
        }
        String where = resource.isLive() ? "region " + resource.location().region() : "this template";
        return Verdict.fail("no AWS Backup plan in " + where + ": " + targets.size() + " resource"
                + (targets.size() == 1 ? "" : "s") + " AWS Backup would protect " + (targets.size() == 1 ? "is" : "are")
                + " not backed up by it (" + BackupTargets.examples(targets, 5) + ")"
                + (resource.isLive() ? "" : "; a plan in another stack or an AWS Organizations backup policy is not "
                        + "visible here (suppress with that reason)"));
    }

    private static Verdict judgePlan(Resource plan, RuleContext context) {
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
