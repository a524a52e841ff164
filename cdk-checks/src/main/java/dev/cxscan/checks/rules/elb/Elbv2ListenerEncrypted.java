package dev.cxscan.checks.rules.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * NETSEC-002: every listener of an internet-facing load balancer encrypts client traffic.
 *
 * <p>AWS::ElasticLoadBalancingV2::Listener: Protocol HTTPS or TLS passes; HTTP passes only when its
 * DefaultActions are all redirects with RedirectConfig.Protocol HTTPS and no ListenerRule of the
 * template attached to it does anything else; any other protocol (HTTP forwarding, TCP, UDP, TCP_UDP)
 * fails. TCP is failed on purpose although TLS may be passed through to the targets: the load
 * balancer cannot show that, so a passthrough listener needs a suppression with that reason (checkov
 * CKV_AWS_2 passes TCP/UDP listeners; CHECKS.md asks for HTTPS/TLS). The load balancer is found
 * through LoadBalancerArn: Scheme internal, or Type gateway, is not applicable (no finding); Scheme
 * absent means internet-facing. An encrypted listener passes even when its load balancer is not in
 * the template; an unencrypted one whose load balancer cannot be found is unresolved.
 *
 * <p>AWS::ElasticLoadBalancing::LoadBalancer (classic, internet-facing unless Scheme internal):
 * every Listeners[].Protocol is HTTPS or SSL (as the guard rule ELB_TLS_HTTPS_LISTENERS_ONLY asks).
 */
public final class Elbv2ListenerEncrypted extends AbstractRule {
    static final Check CHECK = Check.of("elbv2_listener_encrypted",
            "Listeners of internet-facing load balancers use HTTPS/TLS, or HTTP only to redirect to HTTPS", Severity.HIGH, "NETSEC-002",
            "Use Protocol HTTPS (ALB) or TLS (NLB) with a certificate, and turn port 80 into a redirect to HTTPS; in CDK: "
                    + "alb.addListener(id, BaseApplicationListenerProps.builder().protocol(ApplicationProtocol.HTTPS)"
                    + ".certificates(...)) and alb.addRedirect(). Classic ELB: HTTPS/SSL listeners, or migrate to an ALB.");

    public Elbv2ListenerEncrypted() {
        super(CHECK, "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancing::LoadBalancer");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return resource.type().equals("AWS::ElasticLoadBalancing::LoadBalancer")
                ? classic(resource)
                : listener(resource, context);
    }

    private static Verdict listener(Resource listener, RuleContext context) {
        JsonNode lbArn = listener.property("LoadBalancerArn");
        Optional<Resource> lb = context.resolveReference(lbArn)
                .filter(r -> r.type().equals("AWS::ElasticLoadBalancingV2::LoadBalancer"));
        String lbName = lb.map(Resource::id).orElse(Values.describe(lbArn));
        if (lb.isPresent()) {
            if (Values.textEquals(lb.get().property("Type"), "gateway")) {
                return Verdict.notApplicable();
            }
            if (Values.textEquals(lb.get().property("Scheme"), "internal")) {
                return Verdict.notApplicable();
            }
        }
        JsonNode protocolNode = listener.property("Protocol");
        String port = Values.text(listener.property("Port")).map(p -> " on port " + p).orElse("");
        if (Values.isIntrinsic(protocolNode)) {
            return Verdict.unresolved("Protocol (" + Values.describe(protocolNode) + ")");
        }
        String protocol = Values.text(protocolNode).map(p -> p.toUpperCase(Locale.ROOT)).orElse("");
        if (protocol.equals("HTTPS") || protocol.equals("TLS")) {
            return Verdict.pass(protocol + " listener" + port);
        }
        String problem;
        if (protocol.equals("HTTP")) {
            List<String> notRedirecting = new ArrayList<>();
            Optional<String> defaults = ListenerActions.nonRedirect(listener.property("DefaultActions"));
            defaults.ifPresent(d -> notRedirecting.add("DefaultActions " + d));
            for (Resource rule : context.resourcesOfType("AWS::ElasticLoadBalancingV2::ListenerRule")) {
                boolean ours = context.resolveReference(rule.property("ListenerArn")).map(r -> r.id().equals(listener.id())).orElse(false);
                if (ours) {
                    ListenerActions.nonRedirect(rule.property("Actions")).ifPresent(d -> notRedirecting.add("listener rule " + rule.id() + " " + d));
                }
            }
            if (notRedirecting.isEmpty()) {
                return Verdict.pass("HTTP listener" + port + " only redirects to HTTPS");
            }
            problem = "HTTP listener" + port + " serves unencrypted traffic: " + String.join("; ", notRedirecting);
        } else if (protocol.isEmpty()) {
            problem = "listener" + port + " declares no Protocol";
        } else {
            problem = protocol + " listener" + port + " does not terminate TLS (use TLS, or suppress with a reason if the targets terminate TLS)";
        }
        if (lb.isEmpty()) {
            return Verdict.unresolved("load balancer " + lbName + " (whether it is internet-facing; " + problem + ")");
        }
        JsonNode scheme = lb.get().property("Scheme");
        if (Values.isIntrinsic(scheme)) {
            return Verdict.unresolved("Scheme of load balancer " + lbName + " (" + Values.describe(scheme) + "; " + problem + ")");
        }
        return Verdict.fail(problem + " on internet-facing load balancer " + lbName);
    }

    private static Verdict classic(Resource lb) {
        JsonNode scheme = lb.property("Scheme");
        if (Values.textEquals(scheme, "internal")) {
            return Verdict.notApplicable();
        }
        if (Values.isIntrinsic(scheme)) {
            return Verdict.unresolved("Scheme (" + Values.describe(scheme) + ")");
        }
        JsonNode listeners = lb.property("Listeners");
        if (Values.isIntrinsic(listeners) || Values.list(listeners).isEmpty()) {
            return Verdict.unresolved("Listeners (" + Values.describe(listeners) + ")");
        }
        List<String> plain = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode l : Values.list(listeners)) {
            JsonNode p = l.path("Protocol");
            String port = Values.text(l.path("LoadBalancerPort")).orElse("?");
            if (Values.isIntrinsic(p) || Values.isIntrinsic(l)) {
                unknown.add("listener on port " + port + " Protocol (" + Values.describe(p) + ")");
                continue;
            }
            String protocol = Values.text(p).map(s -> s.toUpperCase(Locale.ROOT)).orElse("none");
            if (!protocol.equals("HTTPS") && !protocol.equals("SSL")) {
                plain.add(protocol + " on port " + port);
            }
        }
        if (!plain.isEmpty()) {
            return Verdict.fail("internet-facing classic load balancer has unencrypted listeners: " + String.join(", ", plain));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join(", ", unknown));
        }
        return Verdict.pass("all classic load balancer listeners use HTTPS or SSL");
    }
}
