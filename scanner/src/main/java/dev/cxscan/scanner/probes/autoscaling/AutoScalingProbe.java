package dev.cxscan.scanner.probes.autoscaling;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * EC2 Auto Scaling of one region: DescribeAutoScalingGroups (paginator) as
 * AWS::AutoScaling::AutoScalingGroup (id the group name; AvailabilityZones, VPCZoneIdentifier as a
 * list of subnet ids, split from the API's comma-separated string; Tags with PropagateAtLaunch).
 */
public final class AutoScalingProbe implements Probe {
    @Override
    public String service() {
        return "autoscaling";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::AutoScaling::AutoScalingGroup");
    }

    @Override
    public List<String> iamActions() {
        return List.of("autoscaling:DescribeAutoScalingGroups");
    }

    @Override
    public void read(ProbeContext c) {
        AutoScalingClient as = c.clients().client(AutoScalingClient.class, c.region());
        String region = c.region().id();
        ProbeSupport.call(c, "autoscaling", "autoscaling:DescribeAutoScalingGroups", region,
                List.of("asg_multi_az", "cloudwatch_alarms_present"),
                () -> as.describeAutoScalingGroupsPaginator(b -> { }).autoScalingGroups().stream().map(g -> group(g, region)).toList())
                .ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
    }

    static Resource group(AutoScalingGroup g, String region) {
        ObjectNode p = obj();
        p.put("AutoScalingGroupName", g.autoScalingGroupName());
        put(p, "MinSize", g.minSize());
        put(p, "MaxSize", g.maxSize());
        put(p, "DesiredCapacity", g.desiredCapacity());
        p.set("AvailabilityZones", ProbeSupport.strings(g.availabilityZones()));
        ArrayNode subnets = p.putArray("VPCZoneIdentifier");
        if (g.vpcZoneIdentifier() != null) {
            for (String s : g.vpcZoneIdentifier().split(",")) {
                if (!s.isBlank()) {
                    subnets.add(s.trim());
                }
            }
        }
        p.set("TargetGroupARNs", ProbeSupport.strings(g.targetGroupARNs()));
        p.set("LoadBalancerNames", ProbeSupport.strings(g.loadBalancerNames()));
        ArrayNode tags = p.putArray("Tags");
        g.tags().forEach(t -> tags.addObject().put("Key", t.key()).put("Value", t.value())
                .put("PropagateAtLaunch", Boolean.TRUE.equals(t.propagateAtLaunch())));
        return Resource.live("AWS::AutoScaling::AutoScalingGroup", g.autoScalingGroupName(), g.autoScalingGroupARN(), region, p);
    }
}
