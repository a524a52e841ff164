package dev.cxscan.scanner.probes.elbv2;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * Application, network and gateway load balancers of one region. DescribeLoadBalancers (paginator)
 * gives AWS::ElasticLoadBalancingV2::LoadBalancer (id the name; Subnets from its AZs, Scheme, Type,
 * LoadBalancerAttributes from DescribeLoadBalancerAttributes, Tags from DescribeTags in batches of
 * 20); DescribeListeners (paginator, per load balancer: there is no account-wide listing) gives
 * AWS::ElasticLoadBalancingV2::Listener (id the listener ARN; LoadBalancerArn, Port, Protocol,
 * SslPolicy, DefaultActions). Listener rules (DescribeRules) are read only for HTTP listeners whose
 * default actions all redirect to HTTPS, the one case where a rule can change the verdict.
 */
public final class Elbv2Probe implements Probe {
    private static final List<String> LB_CHECKS = List.of("elbv2_listener_encrypted", "elbv2_tls_policy_modern", "elb_multi_az",
            "elb_access_logs", "cloudwatch_alarms_present");

    @Override
    public String service() {
        return "elbv2";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener",
                "AWS::ElasticLoadBalancingV2::ListenerRule");
    }

    @Override
    public List<String> iamActions() {
        return List.of("elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags");
    }

    @Override
    public void read(ProbeContext c) {
        ElasticLoadBalancingV2Client elb = c.clients().client(ElasticLoadBalancingV2Client.class, c.region());
        String region = c.region().id();
        Optional<List<LoadBalancer>> lbs = call(c, "DescribeLoadBalancers", LB_CHECKS,
                () -> elb.describeLoadBalancersPaginator(b -> { }).loadBalancers().stream().toList());
        if (lbs.isEmpty() || lbs.get().isEmpty()) {
            return;
        }
        Map<String, ArrayNode> tags = new HashMap<>();
        List<String> arns = lbs.get().stream().map(LoadBalancer::loadBalancerArn).toList();
        for (int i = 0; i < arns.size(); i += 20) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
            call(c, "DescribeTags", List.of("iac_managed_resources"), () -> elb.describeTags(b -> b.resourceArns(batch)).tagDescriptions())
                    .ifPresent(list -> {
                        for (TagDescription d : list) {
                            tags.put(d.resourceArn(), ProbeSupport.tags(d.tags(), t -> t.key(), t -> t.value()));
                        }
                    });
        }
        for (LoadBalancer lb : lbs.get()) {
            ObjectNode p = obj();
            p.put("Name", lb.loadBalancerName());
            put(p, "Scheme", lb.schemeAsString());
            put(p, "Type", lb.typeAsString());
            put(p, "VpcId", lb.vpcId());
            ArrayNode subnets = p.putArray("Subnets");
            lb.availabilityZones().forEach(az -> {
                if (az.subnetId() != null) {
                    subnets.add(az.subnetId());
                }
            });
            p.set("SecurityGroups", ProbeSupport.strings(lb.securityGroups()));
            put(p, "DNSName", lb.dnsName());
            call(c, "DescribeLoadBalancerAttributes", List.of("elb_access_logs"),
                    () -> elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(lb.loadBalancerArn())).attributes())
                    .ifPresent(attrs -> {
                        ArrayNode a = p.putArray("LoadBalancerAttributes");
                        attrs.forEach(at -> a.addObject().put("Key", at.key()).put("Value", at.value()));
                    });
            if (tags.containsKey(lb.loadBalancerArn())) {
                p.set("Tags", tags.get(lb.loadBalancerArn()));
            }
            c.inventory().add(region, Resource.live("AWS::ElasticLoadBalancingV2::LoadBalancer", lb.loadBalancerName(),
                    lb.loadBalancerArn(), region, p));
            call(c, "DescribeListeners", List.of("elbv2_listener_encrypted", "elbv2_tls_policy_modern"),
                    () -> elb.describeListenersPaginator(b -> b.loadBalancerArn(lb.loadBalancerArn())).listeners().stream().toList())
                    .ifPresent(listeners -> listeners.forEach(l -> listener(c, elb, l, region)));
        }
    }

    private void listener(ProbeContext c, ElasticLoadBalancingV2Client elb, Listener l, String region) {
        ObjectNode p = obj();
        p.put("LoadBalancerArn", l.loadBalancerArn());
        put(p, "Port", l.port());
        put(p, "Protocol", l.protocolAsString());
        put(p, "SslPolicy", l.sslPolicy());
        p.set("DefaultActions", actions(l.defaultActions()));
        if (l.hasCertificates()) {
            ArrayNode certs = p.putArray("Certificates");
            l.certificates().forEach(cert -> certs.addObject().put("CertificateArn", cert.certificateArn()));
        }
        c.inventory().add(region, Resource.live("AWS::ElasticLoadBalancingV2::Listener", l.listenerArn(), l.listenerArn(), region, p));
        boolean redirectOnly = "HTTP".equals(l.protocolAsString()) && l.hasDefaultActions() && !l.defaultActions().isEmpty()
                && l.defaultActions().stream().allMatch(a -> "redirect".equals(a.typeAsString()));
        if (redirectOnly) {
            call(c, "DescribeRules", List.of("elbv2_listener_encrypted"),
                    () -> elb.describeRulesPaginator(b -> b.listenerArn(l.listenerArn())).rules().stream().toList())
                    .ifPresent(rules -> rules.stream().filter(r -> !Boolean.TRUE.equals(r.isDefault()))
                            .forEach(r -> c.inventory().add(region, rule(r, l.listenerArn(), region))));
        }
    }

    static Resource rule(Rule r, String listenerArn, String region) {
        ObjectNode p = obj();
        p.put("ListenerArn", listenerArn);
        put(p, "Priority", r.priority());
        p.set("Actions", actions(r.actions()));
        return Resource.live("AWS::ElasticLoadBalancingV2::ListenerRule", r.ruleArn(), r.ruleArn(), region, p);
    }

    static ArrayNode actions(List<Action> actions) {
        ArrayNode a = ProbeSupport.arr();
        for (Action action : actions) {
            ObjectNode o = a.addObject();
            put(o, "Type", action.typeAsString());
            put(o, "Order", action.order());
            put(o, "TargetGroupArn", action.targetGroupArn());
            if (action.redirectConfig() != null) {
                ObjectNode rc = o.putObject("RedirectConfig");
                put(rc, "Protocol", action.redirectConfig().protocol());
                put(rc, "Port", action.redirectConfig().port());
                put(rc, "Host", action.redirectConfig().host());
                put(rc, "Path", action.redirectConfig().path());
                put(rc, "Query", action.redirectConfig().query());
                put(rc, "StatusCode", action.redirectConfig().statusCodeAsString());
            }
            if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
                ArrayNode tgs = o.putObject("ForwardConfig").putArray("TargetGroups");
                action.forwardConfig().targetGroups().forEach(tg -> tgs.addObject().put("TargetGroupArn", tg.targetGroupArn()));
            }
            if (action.fixedResponseConfig() != null) {
                put(o.putObject("FixedResponseConfig"), "StatusCode", action.fixedResponseConfig().statusCode());
            }
        }
        return a;
    }

    private static <T> Optional<T> call(ProbeContext c, String op, List<String> checks, java.util.function.Supplier<T> s) {
        return ProbeSupport.call(c, "elbv2", "elasticloadbalancing:" + op, c.region().id(), checks, s);
    }

}
