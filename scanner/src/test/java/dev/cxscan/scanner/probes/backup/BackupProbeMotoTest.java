package dev.cxscan.scanner.probes.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.emulator.BackupSelectionStub;
import dev.cxscan.scanner.emulator.FaultProxy;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.MotoTestBase;
import dev.cxscan.scanner.probes.dynamodb.DynamoDbProbe;
import dev.cxscan.scanner.probes.ec2.Ec2Probe;
import dev.cxscan.scanner.probes.efs.EfsProbe;
import dev.cxscan.scanner.probes.rds.RdsProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.ConditionType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The Backup probe and the REL-002 backup rules on the emulator. moto serves backup plans but not selections, so
 * the account is built and read through a proxy whose {@link BackupSelectionStub} serves Create/List/GetBackupSelection.
 */
class BackupProbeMotoTest extends MotoTestBase {
    private final BackupSelectionStub selections = new BackupSelectionStub();
    private FaultProxy proxy;

    @Override
    protected URI endpoint() {
        if (proxy == null) {
            try {
                proxy = new FaultProxy(super.endpoint()).serve(selections);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return proxy.endpoint();
    }

    @AfterEach
    void proxyDown() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private LiveInventory readBackupAndItsTargets() {
        return read(new BackupProbe(), new RdsProbe(), new DynamoDbProbe(), new EfsProbe(), new Ec2Probe());
    }

    private void table(String name) {
        client(DynamoDbClient.class).createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }

    private String volume(String backupTag) {
        return client(Ec2Client.class).createVolume(b -> {
            b.availabilityZone("us-east-1a").size(8);
            if (backupTag != null) {
                b.tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(x -> x.key("backup").value(backupTag)));
            }
        }).volumeId();
    }

    @Test
    void selectionsByArnAndTagCoverTheirResourcesOnly() {
        table("orders");
        table("scratch");
        String tagged = volume("daily");
        String untagged = volume(null);
        BackupClient backup = client(BackupClient.class);
        String plan = backup.createBackupPlan(b -> b.backupPlan(p -> p.backupPlanName("daily")
                .rules(r -> r.ruleName("daily").targetBackupVaultName("Default")))).backupPlanId();
        backup.createBackupSelection(b -> b.backupPlanId(plan).backupSelection(s -> s.selectionName("data")
                .iamRoleArn("arn:aws:iam::123456789012:role/backup")
                .resources("arn:aws:dynamodb:us-east-1:123456789012:table/*")
                .notResources("arn:aws:dynamodb:us-east-1:123456789012:table/scratch")
                .listOfTags(t -> t.conditionType(ConditionType.STRINGEQUALS).conditionKey("backup").conditionValue("daily"))));

        LiveInventory inv = readBackupAndItsTargets();

        assertEquals(List.of(), inv.errors());
        Resource selection = resources(inv, "AWS::Backup::BackupSelection").get(0);
        assertEquals(plan, selection.property("BackupPlanId").asText(), "the selection names its plan as CloudFormation does");
        assertEquals("backup", selection.property("BackupSelection", "ListOfTags").get(0).path("ConditionKey").asText());
        assertRule(Status.PASS, inv, "backup_plan_present", plan);
        assertTrue(rule(inv, "backup_resource_covered", "orders").message().contains("pattern arn:aws:dynamodb:us-east-1:123456789012:table/*"));
        assertRule(Status.PASS, inv, "backup_resource_covered", "orders");
        assertRule(Status.PASS, inv, "backup_resource_covered", tagged);
        Finding scratch = rule(inv, "backup_resource_covered", "scratch");
        assertEquals(Status.FAIL, scratch.status());
        assertTrue(scratch.message().contains("excluded by NotResources"), scratch.message());
        assertRule(Status.FAIL, inv, "backup_resource_covered", untagged);
    }

    @Test
    void databasesAndNoPlanFailTheRegionAndEachResource() {
        table("orders");
        String vol = volume(null);

        LiveInventory inv = readBackupAndItsTargets();

        List<Finding> plan = findings(inv).stream().filter(f -> f.check().equals("backup_plan_present")).toList();
        assertEquals(1, plan.size(), plan.toString());
        assertEquals(Status.FAIL, plan.get(0).status());
        assertTrue(plan.get(0).message().contains("no AWS Backup plan in region us-east-1: 2 resources"), plan.get(0).message());
        assertRule(Status.FAIL, inv, "backup_resource_covered", "orders");
        assertRule(Status.FAIL, inv, "backup_resource_covered", vol);
    }

    @Test
    void nothingToBackUpIsNotApplicable() {
        LiveInventory inv = readBackupAndItsTargets();
        for (String check : List.of("backup_plan_present", "backup_resource_covered")) {
            List<Finding> f = findings(inv).stream().filter(x -> x.check().equals(check)).toList();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Status.NOT_APPLICABLE, f.get(0).status(), f.get(0).message());
        }
    }

    @Test
    void selectionsThatCannotBeReadAreErrorsNeverAPass() {
        table("orders");
        client(BackupClient.class).createBackupPlan(b -> b.backupPlan(p -> p.backupPlanName("daily")
                .rules(r -> r.ruleName("daily").targetBackupVaultName("Default"))));
        proxy.fail("backup:*", dev.cxscan.scanner.emulator.Fault.ACCESS_DENIED, FaultProxy.ALWAYS);

        LiveInventory inv = readBackupAndItsTargets();

        for (String check : List.of("backup_plan_present", "backup_resource_covered")) {
            List<Finding> f = findings(inv).stream().filter(x -> x.check().equals(check)).toList();
            assertEquals(List.of(Status.ERROR), f.stream().map(Finding::status).toList(), f.toString());
        }
    }
}
