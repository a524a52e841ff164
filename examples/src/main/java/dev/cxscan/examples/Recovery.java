package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.backup.BackupPlan;
import software.amazon.awscdk.services.backup.BackupResource;
import software.amazon.awscdk.services.backup.BackupSelectionOptions;
import software.amazon.awscdk.services.backup.BackupVault;
import software.constructs.Construct;

/**
 * AWS Backup of the database, the conversation table and the model cache file system. Non-compliant: a plan that
 * selects nothing.
 */
public final class Recovery extends Construct {
    public Recovery(Construct scope, String id, Posture posture, Encryption encryption, DataTier data) {
        super(scope, id);
        boolean ok = posture.compliant();
        BackupVault vault = BackupVault.Builder.create(this, "Vault")
                .encryptionKey(ok ? encryption.key : null)
                .removalPolicy(ok ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        BackupPlan plan = BackupPlan.dailyWeeklyMonthly5YearRetention(this, "Plan", vault);
        if (ok) {
            plan.addSelection("Workload", BackupSelectionOptions.builder()
                    .resources(List.of(
                            BackupResource.fromConstruct(data.embeddingsCluster),
                            BackupResource.fromDynamoDbTable(data.conversations),
                            BackupResource.fromEfsFileSystem(data.modelCache)))
                    .build());
        }
    }
}
