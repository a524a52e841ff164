package dev.cxscan.scanner.probes.elb;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.AccessLog;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;

/**
 * Classic load balancers of one region: DescribeLoadBalancers (paginator) as
 * AWS::ElasticLoadBalancing::LoadBalancer (id the name; Scheme, Listeners with Protocol and
 * LoadBalancerPort, Subnets, AvailabilityZones), AccessLoggingPolicy from
 * DescribeLoadBalancerAttributes, Tags from DescribeTags in batches of 20 names.
 */
public final class ElbProbe implements Probe {
    private static final List<String> CHECKS = List.of("elbv2_listener_encrypted", "elb_multi_az", "elb_access_logs",
            "cloudwatch_alarms_present");

    @Override
    public String service() {
        return "elb";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::ElasticLoadBalancing::LoadBalancer");
    }

    @Override
    public List<String> iamActions() {
        return List.of("elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeTags");
    }

    @Override
    public void read(ProbeContext c) {
        ElasticLoadBalancingClient elb = c.clients().client(ElasticLoadBalancingClient.class, c.region());
        String region = c.region().id();
        Optional<List<LoadBalancerDescription>> lbs = call(c, "DescribeLoadBalancers", CHECKS,
                () -> elb.describeLoadBalancersPaginator(b -> { }).loadBalancerDescriptions().stream().toList());
        if (lbs.isEmpty() || lbs.get().isEmpty()) {
            return;
        }
        Map<String, ArrayNode> tags = new HashMap<>();
        List<String> names = lbs.get().stream().map(LoadBalancerDescription::loadBalancerName).toList();
        for (int i = 0; i < names.size(); i += 20) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 20));
            call(c, "DescribeTags", List.of("iac_managed_resources"), () -> elb.describeTags(b -> b.loadBalancerNames(batch)).tagDescriptions())
                    .ifPresent(list -> list.forEach(d -> tags.put(d.loadBalancerName(),
                            ProbeSupport.tags(d.tags(), t -> t.key(), t -> t.value()))));
        }
        for (LoadBalancerDescription lb : lbs.get()) {
            ObjectNode p = obj();
            p.put("LoadBalancerName", lb.loadBalancerName());
            put(p, "Scheme", lb.scheme());
            put(p, "VpcId", lb.vpcId());
            p.set("Subnets", ProbeSupport.strings(lb.subnets()));
            p.set("AvailabilityZones", ProbeSupport.strings(lb.availabilityZones()));
            ArrayNode listeners = p.putArray("Listeners");
            lb.listenerDescriptions().forEach(d -> {
                ObjectNode l = listeners.addObject();
                put(l, "Protocol", d.listener().protocol());
                put(l, "LoadBalancerPort", d.listener().loadBalancerPort());
                put(l, "InstanceProtocol", d.listener().instanceProtocol());
                put(l, "InstancePort", d.listener().instancePort());
                put(l, "SSLCertificateId", d.listener().sslCertificateId());
                l.set("PolicyNames", ProbeSupport.strings(d.policyNames()));
            });
            call(c, "DescribeLoadBalancerAttributes", List.of("elb_access_logs"),
                    () -> elb.describeLoadBalancerAttributes(b -> b.loadBalancerName(lb.loadBalancerName())).loadBalancerAttributes())
                    .ifPresent(attrs -> {
                        AccessLog log = attrs.accessLog();
                        ObjectNode alp = p.putObject("AccessLoggingPolicy");
                        alp.put("Enabled", log != null && Boolean.TRUE.equals(log.enabled()));
                        if (log != null) {
                            put(alp, "S3BucketName", log.s3BucketName());
                            put(alp, "S3BucketPrefix", log.s3BucketPrefix());
                            put(alp, "EmitInterval", log.emitInterval());
                        }
                    });
            if (tags.containsKey(lb.loadBalancerName())) {
                p.set("Tags", tags.get(lb.loadBalancerName()));
            }
            String arn = ProbeSupport.arn("elasticloadbalancing", region, c.accountId(), "loadbalancer/" + lb.loadBalancerName());
            c.inventory().add(region, Resource.live("AWS::ElasticLoadBalancing::LoadBalancer", lb.loadBalancerName(), arn, region, p));
        }
    }

    private static <T> Optional<T> call(ProbeContext c, String op, List<String> checks, java.util.function.Supplier<T> s) {
        return ProbeSupport.call(c, "elb", "elasticloadbalancing:" + op, c.region().id(), checks, s);
    }
}
