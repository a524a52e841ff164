package dev.cxscan.checks.rules.rds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.vpc.SubnetZones;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DOC-001: databases survive the loss of an Availability Zone.
 * <ul>
 * <li>AWS::RDS::DBInstance: MultiAZ true (absent means false, the RDS default). An instance with
 * DBClusterIdentifier belongs to a cluster and is judged through the cluster (no finding of its
 * own).</li>
 * <li>AWS::RDS::DBCluster, Multi-AZ DB cluster (DBClusterInstanceClass set, MySQL/PostgreSQL): PASS,
 * RDS always places its writer and two readers in three AZs.</li>
 * <li>Aurora cluster: PASS when 2+ DB instances in the scope reference the cluster (Ref, or the
 * literal cluster identifier) and their AvailabilityZone values are not all one AZ. When any
 * instance has no AvailabilityZone the cluster passes: RDS chooses the AZ from the cluster's DB
 * subnet group (which spans 2+ AZs, RDS requires it) and spreads Aurora replicas over them, and
 * aws-cdk-lib's DatabaseCluster never sets one, so requiring explicit AZs would fail every CDK
 * cluster. This is a judgment call: when every instance names its AZ, they must name two. One instance (writer only) fails: a failover has to
 * create a new instance. Aurora Serverless v1 (EngineMode serverless) fails: its capacity lives in
 * one AZ and is only recreated elsewhere after a failure.</li>
 * <li>Live scans: a cluster whose probe sets MultiAZ (from DescribeDBClusters) is judged by it.</li>
 * </ul>
 */
public final class RdsMultiAz extends AbstractRule {
    static final Check CHECK = Check.of("rds_multi_az",
            "DB instances are Multi-AZ and Aurora clusters have instances in two or more AZs", Severity.HIGH, "DOC-001",
            "Set MultiAZ: true on DB instances; give Aurora clusters at least one reader (in CDK: DatabaseCluster with "
                    + "writer(ClusterInstance.provisioned(...)) and readers(List.of(ClusterInstance.provisioned(...)))), or "
                    + "use a Multi-AZ DB cluster.");

    public RdsMultiAz() {
        super(CHECK, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return resource.type().equals("AWS::RDS::DBCluster") ? cluster(resource, context) : instance(resource);
    }

    private static Verdict instance(Resource db) {
        if (DbClusterMembers.isMember(db)) {
            return Verdict.notApplicable();
        }
        JsonNode multiAz = db.property("MultiAZ");
        Tri t = Values.bool(multiAz, Tri.FALSE);
        return switch (t) {
            case TRUE -> Verdict.pass("MultiAZ is true: a standby in another AZ takes over on failure");
            case FALSE -> Verdict.fail(Values.isAbsent(multiAz) ? "MultiAZ is not set (RDS default: single-AZ)" : "MultiAZ is false");
            case UNKNOWN -> Verdict.unresolved("MultiAZ (" + Values.describe(multiAz) + ")");
        };
    }

    private static Verdict cluster(Resource cluster, RuleContext context) {
        if (context.isLive() && !Values.isAbsent(cluster.property("MultiAZ"))) {
            Tri t = Values.bool(cluster.property("MultiAZ"), Tri.FALSE);
            if (t != Tri.UNKNOWN) {
                return t.isTrue() ? Verdict.pass("the DB cluster is Multi-AZ") : Verdict.fail("the DB cluster is not Multi-AZ");
            }
        }
        if (Values.isSet(cluster.property("DBClusterInstanceClass"))) {
            return Verdict.pass("Multi-AZ DB cluster (DBClusterInstanceClass " + Values.describe(cluster.property("DBClusterInstanceClass"))
                    + "): a writer and two readers in three AZs");
        }
        String engine = Values.text(cluster.property("Engine")).orElse("").toLowerCase(Locale.ROOT);
        if (Values.textEquals(cluster.property("EngineMode"), "serverless")) {
            return Verdict.fail("Aurora Serverless v1 (EngineMode serverless) runs in one AZ; use Serverless v2 or provisioned "
                    + "instances with a reader in another AZ");
        }
        if (!engine.isEmpty() && !engine.startsWith("aurora")) {
            return Verdict.fail("DB cluster with engine " + engine + " has no DBClusterInstanceClass, so it is not a Multi-AZ DB cluster");
        }
        List<Resource> members = new ArrayList<>();
        for (Resource db : context.resourcesOfType("AWS::RDS::DBInstance")) {
            if (belongsTo(db, cluster, context)) {
                members.add(db);
            }
        }
        if (members.isEmpty()) {
            return Verdict.fail("no DB instance in " + (context.isLive() ? "the scan" : "the template")
                    + " belongs to this cluster: it has no instance to serve from");
        }
        if (members.size() == 1) {
            return Verdict.fail("only one DB instance (" + members.get(0).id() + ") in the cluster: add a reader in another AZ "
                    + "so that a failover promotes it");
        }
        List<Resource> placed = members.stream().filter(m -> Values.isSet(m.property("AvailabilityZone"))).toList();
        if (placed.size() < members.size()) {
            return Verdict.pass(members.size() + " DB instances in the cluster; " + (members.size() - placed.size())
                    + " without AvailabilityZone, placed by RDS across the AZs of the cluster's DB subnet group");
        }
        // every instance names its AZ: they must differ
        JsonNode zones = JsonNodeFactory.instance.arrayNode().addAll(placed.stream().map(m -> m.property("AvailabilityZone")).toList());
        return SubnetZones.ofZoneList(zones).verdict("the " + members.size() + " DB instances of the cluster");
    }

    private static boolean belongsTo(Resource db, Resource cluster, RuleContext context) {
        JsonNode id = db.property("DBClusterIdentifier");
        if (Values.isAbsent(id)) {
            return false;
        }
        Optional<Resource> ref = context.resolveReference(id);
        if (ref.isPresent()) {
            return ref.get().id().equals(cluster.id());
        }
        Optional<String> name = Values.text(cluster.property("DBClusterIdentifier"));
        return name.isPresent() && Values.textEquals(id, name.get());
    }
}
