package dev.cxscan.checks.rules.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.rds.DbClusterMembers;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * REL-002 (templates only): resources that hold data survive a stack deletion and a replacing update.
 * For RDS instances and clusters, DynamoDB tables and global tables, S3 buckets, EFS file systems
 * and KMS keys, both DeletionPolicy and UpdateReplacePolicy must keep the data:
 * <ul>
 * <li>Retain, or RetainExceptOnCreate (DeletionPolicy only: CloudFormation does not accept it for
 * UpdateReplacePolicy);</li>
 * <li>Snapshot, only for the types whose data CloudFormation can snapshot: here AWS::RDS::DBInstance
 * and AWS::RDS::DBCluster. Snapshot on S3, DynamoDB, EFS or KMS is not a supported value and fails.</li>
 * </ul>
 * Defaults follow the CloudFormation documentation of the two attributes: an absent DeletionPolicy is
 * Delete, except for AWS::RDS::DBCluster and for AWS::RDS::DBInstance without DBClusterIdentifier,
 * where it is Snapshot (so those pass on DeletionPolicy without declaring it and the message says
 * so); an absent UpdateReplacePolicy is Delete for every type. A DB instance with DBClusterIdentifier
 * is an Aurora / Multi-AZ cluster member whose data lives in the cluster (CloudFormation cannot
 * snapshot a member instance), so it is not judged and its cluster is. CDK writes both attributes from
 * RemovalPolicy: RETAIN is the default of Bucket, Table, TableV2, FileSystem and Key, SNAPSHOT of the
 * RDS constructs. Live scans have no deletion policies: the rule yields nothing there.
 */
public final class StatefulResourcesRetained extends AbstractRule {
    static final Check CHECK = Check.of("stateful_resources_retained",
            "RDS, DynamoDB, S3, EFS and KMS resources have DeletionPolicy and UpdateReplacePolicy Retain or Snapshot",
            Severity.MEDIUM, "REL-002",
            "Add DeletionPolicy: Retain and UpdateReplacePolicy: Retain (Snapshot for RDS) to the resource; in CDK: "
                    + "removalPolicy(RemovalPolicy.RETAIN) or RemovalPolicy.SNAPSHOT for databases "
                    + "(never RemovalPolicy.DESTROY for data).");

    private static final Set<String> SNAPSHOT_TYPES = Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster");

    public StatefulResourcesRetained() {
        super(CHECK, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DynamoDB::Table",
                "AWS::DynamoDB::GlobalTable", "AWS::S3::Bucket", "AWS::EFS::FileSystem", "AWS::KMS::Key");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (context.isLive()) {
            return Verdict.notApplicable();
        }
        boolean rds = SNAPSHOT_TYPES.contains(resource.type());
        if (DbClusterMembers.isMember(resource)) {
            return Verdict.notApplicable();
        }
        List<String> problems = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<String> good = new ArrayList<>();

        JsonNode deletion = resource.attribute("DeletionPolicy");
        if (Values.isAbsent(deletion)) {
            if (rds) {
                good.add("DeletionPolicy not declared, CloudFormation's default for this type is Snapshot");
            } else {
                problems.add("DeletionPolicy missing (defaults to Delete)");
            }
        } else {
            judge("DeletionPolicy", deletion, rds, true, problems, unresolved, good);
        }
        JsonNode replace = resource.attribute("UpdateReplacePolicy");
        if (Values.isAbsent(replace)) {
            problems.add("UpdateReplacePolicy missing (defaults to Delete)");
        } else {
            judge("UpdateReplacePolicy", replace, rds, false, problems, unresolved, good);
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(String.join("; ", problems) + ": the data is lost when the stack is deleted or the "
                    + "resource replaced");
        }
        if (!unresolved.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unresolved));
        }
        return Verdict.pass(String.join(", ", good));
    }

    private static void judge(String name, JsonNode value, boolean snapshotSupported, boolean deletionPolicy,
                              List<String> problems, List<String> unresolved, List<String> good) {
        if (Values.isIntrinsic(value) || value.isContainerNode()) {
            unresolved.add(name + " (" + Values.describe(value) + ")");
            return;
        }
        String v = Values.text(value).orElse("");
        switch (v) {
            case "Retain" -> good.add(name + " Retain");
            case "RetainExceptOnCreate" -> {
                if (deletionPolicy) {
                    good.add(name + " RetainExceptOnCreate");
                } else {
                    problems.add(name + " RetainExceptOnCreate is not a valid UpdateReplacePolicy (use Retain)");
                }
            }
            case "Snapshot" -> {
                if (snapshotSupported) {
                    good.add(name + " Snapshot");
                } else {
                    problems.add(name + " Snapshot is not supported for this type (use Retain)");
                }
            }
            case "Delete" -> problems.add(name + " Delete");
            default -> problems.add(name + " '" + v + "' is not a valid value");
        }
    }
}
