package dev.cxscan.checks.rules.backup;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * REL-002: each resource that needs backups (RDS DB instances and clusters, DynamoDB tables, EFS file systems, EBS
 * volumes; an Aurora member instance is backed up with its cluster) is selected by a backup selection of an AWS
 * Backup plan of the same template or region: by ARN (templates: Ref, Fn::GetAtt, Fn::Sub or Fn::Join naming it),
 * by an ARN pattern (arn:aws:rds:*:*:db:*, "*"), or by tags (ListOfTags, Conditions), and not excluded by
 * NotResources ({@link BackupSelectionMatch}). A selector the template does not resolve is reported unresolved
 * (templates) or ERROR (live, e.g. tags the probe did not read), never PASS.
 */
public final class BackupResourceCovered extends AbstractRule {
    static final Check CHECK = Check.of("backup_resource_covered",
            "Each database, table, file system and volume is selected by an AWS Backup plan", Severity.MEDIUM, "REL-002",
            "Add the resource to a backup selection of a plan: its ARN in Resources, a resource-type pattern "
                    + "(arn:aws:dynamodb:*:*:table/*) or a tag the selection's ListOfTags or Conditions match; in CDK: "
                    + "plan.addSelection(id, BackupSelectionOptions.builder().resources(List.of("
                    + "BackupResource.fromConstruct(table), BackupResource.fromTag(\"backup\", \"daily\")))...).");

    private static final Set<String> INPUTS = inputs();

    public BackupResourceCovered() {
        super(CHECK, BackupTargets.TYPES.keySet().toArray(String[]::new));
    }

    private static Set<String> inputs() {
        return Set.of(BackupTargets.PLAN, BackupTargets.SELECTION);
    }

    /** The plans and their selections. */
    @Override
    public Set<String> lookedUpTypes() {
        return INPUTS;
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (!BackupTargets.isTarget(resource)) {
            return Verdict.notApplicable();
        }
        List<PlanSelections.Assigned> assigned = PlanSelections.of(context);
        if (assigned.isEmpty()) {
            String where = resource.isLive() ? "region " + resource.location().region() : "this template";
            return Verdict.fail("not backed up: no AWS Backup plan with a backup selection in " + where);
        }
        List<String> unknown = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (PlanSelections.Assigned a : assigned) {
            BackupSelectionMatch.Match m = BackupSelectionMatch.of(a.selection(), resource, context);
            if (m.covered().isTrue()) {
                return Verdict.pass("backed up by plan " + planName(a.plan()) + " through selection "
                        + a.selection().id() + " (" + m.how() + ")");
            }
            (m.covered() == Tri.UNKNOWN ? unknown : misses).add(m.how());
        }
        if (!unknown.isEmpty()) {
            return resource.isLive() ? Verdict.error("could not judge whether a backup selection selects it: "
                    + String.join("; ", unknown)) : Verdict.unresolved(String.join("; ", unknown));
        }
        return Verdict.fail("not backed up: no backup selection selects it (" + String.join("; ", misses) + ")");
    }

    private static String planName(Resource plan) {
        return plan.property("BackupPlan", "BackupPlanName").isTextual()
                ? plan.property("BackupPlan", "BackupPlanName").textValue() + " (" + plan.id() + ")" : plan.id();
    }
}
