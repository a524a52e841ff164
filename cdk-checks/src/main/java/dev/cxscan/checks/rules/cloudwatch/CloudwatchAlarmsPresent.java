package dev.cxscan.checks.rules.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.rds.DbClusterMembers;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OPE-001: the components whose health the workload depends on are watched by at least one
 * CloudWatch alarm. Judged per load balancer (ELBv2 and classic), RDS DB instance, RDS DB cluster
 * and Auto Scaling group: it passes when an AWS::CloudWatch::Alarm has a dimension whose value
 * refers to the resource, either among its Dimensions or among the MetricStat.Metric.Dimensions of
 * a metric-math alarm's Metrics. References are what CDK's metric helpers write: Fn::GetAtt
 * LB.LoadBalancerFullName (LoadBalancer dimension), Ref of the DB instance / cluster / group
 * (DBInstanceIdentifier, DBClusterIdentifier, AutoScalingGroupName), Ref of a classic ELB
 * (LoadBalancerName); a literal dimension value equal to the resource's declared name counts too.
 *
 * <p>Judgment calls: an alarm on a target group (TargetGroup dimension, usually with LoadBalancer)
 * counts for the load balancers whose listeners or listener rules forward to that group. CHECKS.md
 * names DB instances; Aurora and Multi-AZ clusters are judged at the cluster (an alarm on the
 * cluster or on any of its member instances passes it) and member instances (DBClusterIdentifier
 * set) are not judged on their own. Target tracking scaling policies create alarms AWS manages,
 * which scale but notify no one, so they do not count; the FAIL message mentions them.
 */
public final class CloudwatchAlarmsPresent extends AbstractRule {
    static final Check CHECK = Check.of("cloudwatch_alarms_present",
            "Load balancers, DB instances and Auto Scaling groups each have at least one CloudWatch alarm on their metrics",
            Severity.MEDIUM, "OPE-001",
            "Create an AWS::CloudWatch::Alarm on a key metric of the resource (5XX count, target response time, "
                    + "CPU, free storage, unhealthy hosts); in CDK: loadBalancer.getMetrics().httpCodeElb(...)"
                    + ".createAlarm(this, id, ...), instance.metricCPUUtilization().createAlarm(...).");

    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String LB_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    private static final String LB_CLASSIC = "AWS::ElasticLoadBalancing::LoadBalancer";
    private static final String DB_INSTANCE = "AWS::RDS::DBInstance";
    private static final String DB_CLUSTER = "AWS::RDS::DBCluster";
    private static final String ASG = "AWS::AutoScaling::AutoScalingGroup";

    /** The alarms. (A cluster's member instances are judged types too, and read with the clusters.) */
    @Override
    public Set<String> lookedUpTypes() {
        return Set.of(ALARM);
    }

    public CloudwatchAlarmsPresent() {
        super(CHECK, LB_V2, LB_CLASSIC, DB_INSTANCE, DB_CLUSTER, ASG);
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        if (DbClusterMembers.isMember(resource)) {
            return Verdict.notApplicable();
        }
        Set<String> targets = new LinkedHashSet<>();
        targets.add(resource.id());
        if (resource.type().equals(DB_CLUSTER)) {
            targets.addAll(memberInstances(resource, context));
        }
        if (resource.type().equals(LB_V2)) {
            targets.addAll(targetGroups(resource, context));
        }
        Set<String> names = names(resource, context);

        List<String> watching = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Resource alarm : context.resourcesOfType(ALARM)) {
            for (JsonNode dimension : dimensions(alarm)) {
                JsonNode value = dimension.path("Value");
                String dimensionName = Values.text(dimension.path("Name")).orElse("?");
                Set<String> ids = new LinkedHashSet<>();
                ResourceSet.collectReferences(value, ids);
                boolean match = ids.stream().anyMatch(targets::contains)
                        || Values.text(value).map(t -> matchesName(t, names, resource)).orElse(false);
                if (match) {
                    watching.add(alarm.id() + " (dimension " + dimensionName + ")");
                    break;
                }
                if (Values.isIntrinsic(value) && context.resolveReference(value).isEmpty()) {
                    unknown.add(alarm.id() + " (" + dimensionName + " = " + Values.describe(value) + ")");
                }
            }
        }
        if (!watching.isEmpty()) {
            String shown = String.join(", alarm ", watching.subList(0, Math.min(3, watching.size())));
            return Verdict.pass("watched by alarm " + shown
                    + (watching.size() > 3 ? " and " + (watching.size() - 3) + " more" : ""));
        }
        String message = "no alarm on this " + noun(resource) + "'s metrics";
        if (resource.type().equals(DB_CLUSTER)) {
            message = "no alarm on this DB cluster's metrics or its instances'";
        }
        if (resource.type().equals(ASG) && hasTargetTracking(resource, context)) {
            message += " (its target tracking policy's scaling alarms notify no one and do not count)";
        }
        if (!unknown.isEmpty()) {
            message += "; dimension values not resolvable from the template: " + String.join(", ", unknown);
        }
        return Verdict.fail(message);
    }

    /** Dimensions of a metric alarm and of every metric of a metric-math alarm. */
    private static List<JsonNode> dimensions(Resource alarm) {
        List<JsonNode> out = new ArrayList<>(Values.list(alarm.property("Dimensions")));
        for (JsonNode metric : Values.list(alarm.property("Metrics"))) {
            out.addAll(Values.list(metric.path("MetricStat").path("Metric").path("Dimensions")));
        }
        return out;
    }

    private static Set<String> memberInstances(Resource cluster, RuleContext context) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource instance : context.resourcesOfType(DB_INSTANCE)) {
            if (refersTo(instance.property("DBClusterIdentifier"), cluster, context)) {
                out.add(instance.id());
            }
        }
        return out;
    }

    /** Target groups that the load balancer's listeners and listener rules forward to. */
    private static Set<String> targetGroups(Resource lb, RuleContext context) {
        Set<String> listeners = new LinkedHashSet<>();
        Set<String> referenced = new LinkedHashSet<>();
        for (Resource listener : context.resourcesOfType("AWS::ElasticLoadBalancingV2::Listener")) {
            if (refersTo(listener.property("LoadBalancerArn"), lb, context)) {
                listeners.add(listener.id());
                ResourceSet.collectReferences(listener.property("DefaultActions"), referenced);
            }
        }
        for (Resource rule : context.resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule")) {
            Set<String> listenerIds = new LinkedHashSet<>();
            ResourceSet.collectReferences(rule.property("ListenerArn"), listenerIds);
            if (listenerIds.stream().anyMatch(listeners::contains)) {
                ResourceSet.collectReferences(rule.property("Actions"), referenced);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Resource tg : context.resourcesOfType("AWS::ElasticLoadBalancingV2::TargetGroup")) {
            if (referenced.contains(tg.id())) {
                out.add(tg.id());
            }
        }
        return out;
    }

    private static boolean refersTo(JsonNode value, Resource target, RuleContext context) {
        Optional<Resource> r = context.resolveReference(value);
        return r.isPresent() && r.get().id().equals(target.id()) && r.get().type().equals(target.type());
    }

    /** Literal names an alarm dimension may use for the resource. */
    private static Set<String> names(Resource resource, RuleContext context) {
        Set<String> out = new LinkedHashSet<>();
        String property = switch (resource.type()) {
            case DB_INSTANCE -> "DBInstanceIdentifier";
            case DB_CLUSTER -> "DBClusterIdentifier";
            case ASG -> "AutoScalingGroupName";
            case LB_CLASSIC -> "LoadBalancerName";
            default -> "Name";
        };
        Values.text(resource.property(property)).ifPresent(out::add);
        if (context.isLive()) {
            out.add(resource.id());
        }
        return out;
    }

    private static boolean matchesName(String value, Set<String> names, Resource resource) {
        if (resource.type().equals(LB_V2)) {
            // the LoadBalancer dimension is the full name app/NAME/HASH (net/..., gwy/...)
            String arn = resource.location().arn();
            if (arn != null && arn.endsWith("loadbalancer/" + value)) {
                return true;
            }
            String[] parts = value.split("/");
            return parts.length == 3 && names.contains(parts[1]);
        }
        return names.contains(value);
    }

    private static boolean hasTargetTracking(Resource asg, RuleContext context) {
        return context.referencesTo(asg).stream()
                .anyMatch(r -> r.type().equals("AWS::AutoScaling::ScalingPolicy")
                        && Values.textEquals(r.property("PolicyType"), "TargetTrackingScaling"));
    }

    private static String noun(Resource resource) {
        return switch (resource.type()) {
            case DB_INSTANCE -> "DB instance";
            case ASG -> "Auto Scaling group";
            default -> "load balancer";
        };
    }
}
