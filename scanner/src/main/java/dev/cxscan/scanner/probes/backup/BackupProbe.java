package dev.cxscan.scanner.probes.backup;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupSelection;
import software.amazon.awssdk.services.backup.model.BackupSelectionsListMember;

/**
 * AWS Backup of one region: ListBackupPlans and ListBackupSelections (paginators) as
 * AWS::Backup::BackupPlan (id the plan id) and AWS::Backup::BackupSelection (BackupPlanId the plan
 * id). The selection list does not say what a selection selects, so GetBackupSelection is read per
 * selection (Resources, NotResources, ListOfTags, Conditions), so that backup_plan_present (a plan with a
 * selection per region holding resources to back up) and backup_resource_covered (each resource selected) judge the
 * live account with the rules they apply to templates. Plans carry no BackupPlanRule here (ListBackupPlans does not
 * return the rules), so a live plan counts as running.
 */
public final class BackupProbe implements Probe {
    /**
     * The checks that judge backups. The probes of the resources a plan protects (RDS, DynamoDB, EFS, EBS volumes)
     * name them too: a resource that could not be read may be one no plan backs up.
     */
    public static final List<String> CHECKS = List.of("backup_plan_present", "backup_resource_covered");

    @Override
    public String service() {
        return "backup";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection");
    }

    @Override
    public List<String> iamActions() {
        return List.of("backup:ListBackupPlans", "backup:ListBackupSelections", "backup:GetBackupSelection");
    }

    @Override
    public void read(ProbeContext c) {
        BackupClient backup = c.clients().client(BackupClient.class, c.region());
        String region = c.region().id();
        Optional<List<BackupPlansListMember>> plans = ProbeSupport.call(c, "backup", "backup:ListBackupPlans", region, CHECKS,
                () -> backup.listBackupPlansPaginator(b -> { }).backupPlansList().stream().toList());
        for (BackupPlansListMember plan : plans.orElse(List.of())) {
            ObjectNode p = obj();
            put(p.putObject("BackupPlan"), "BackupPlanName", plan.backupPlanName());
            c.inventory().add(region, Resource.live("AWS::Backup::BackupPlan", plan.backupPlanId(), plan.backupPlanArn(), region, p));
            Optional<List<BackupSelectionsListMember>> selections = ProbeSupport.call(c, "backup", "backup:ListBackupSelections",
                    region, CHECKS, () -> backup.listBackupSelectionsPaginator(b -> b.backupPlanId(plan.backupPlanId()))
                            .backupSelectionsList().stream().toList());
            for (BackupSelectionsListMember s : selections.orElse(List.of())) {
                ProbeSupport.call(c, "backup", "backup:GetBackupSelection", region, CHECKS,
                        () -> backup.getBackupSelection(b -> b.backupPlanId(plan.backupPlanId()).selectionId(s.selectionId())).backupSelection())
                        .ifPresent(sel -> c.inventory().add(region, selection(plan.backupPlanId(), s, sel, region)));
            }
        }
    }

    static Resource selection(String planId, BackupSelectionsListMember s, BackupSelection sel, String region) {
        ObjectNode p = obj();
        p.put("BackupPlanId", planId);
        ObjectNode bs = p.putObject("BackupSelection");
        put(bs, "SelectionName", sel.selectionName());
        put(bs, "IamRoleArn", sel.iamRoleArn());
        if (sel.hasResources()) {
            bs.set("Resources", ProbeSupport.strings(sel.resources()));
        }
        if (sel.hasNotResources()) {
            bs.set("NotResources", ProbeSupport.strings(sel.notResources()));
        }
        if (sel.hasListOfTags() && !sel.listOfTags().isEmpty()) {
            ArrayNode tags = bs.putArray("ListOfTags");
            sel.listOfTags().forEach(t -> tags.addObject().put("ConditionType", t.conditionTypeAsString())
                    .put("ConditionKey", t.conditionKey()).put("ConditionValue", t.conditionValue()));
        }
        if (sel.conditions() != null) {
            com.fasterxml.jackson.databind.JsonNode cond = ProbeSupport.toJson(sel.conditions());
            boolean any = false;
            for (var it = cond.elements(); it.hasNext(); ) {
                com.fasterxml.jackson.databind.JsonNode list = it.next();
                any |= list.isArray() && !list.isEmpty();
            }
            if (any) {
                bs.set("Conditions", cond);
            }
        }
        return Resource.live("AWS::Backup::BackupSelection", s.selectionId(), null, region, p);
    }
}
