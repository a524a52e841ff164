package dev.cxscan.checks.rules.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.vpc.SubnetZones;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * DOC-001: load balancers span at least two Availability Zones. AWS::ElasticLoadBalancingV2::LoadBalancer
 * (application, network, gateway): Subnets, or SubnetMappings[].SubnetId, followed to the subnets'
 * AZs. Classic AWS::ElasticLoadBalancing::LoadBalancer: Subnets (in a VPC), else AvailabilityZones
 * (EC2-Classic style, a list or a whole Fn::GetAZs). Subnets not declared in the template are
 * unresolved. AZ reading: {@link SubnetZones}.
 */
public final class ElbMultiAz extends AbstractRule {
    static final Check CHECK = Check.of("elb_multi_az",
            "Load balancers span at least two Availability Zones", Severity.MEDIUM, "DOC-001",
            "Attach the load balancer to subnets in two or more Availability Zones (one per AZ); in CDK: "
                    + "new ApplicationLoadBalancer(..., vpc(vpc).vpcSubnets(...)) on a VPC with maxAzs of 2 or more.");

    public ElbMultiAz() {
        super(CHECK, "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer");
    }

    @Override
    public Verdict evaluate(Resource lb, RuleContext context) {
        JsonNode subnets = lb.property("Subnets");
        if (!Values.isSet(subnets) && lb.type().equals("AWS::ElasticLoadBalancingV2::LoadBalancer")) {
            JsonNode mappings = lb.property("SubnetMappings");
            if (Values.isIntrinsic(mappings)) {
                return Verdict.unresolved("SubnetMappings (" + Values.describe(mappings) + ")");
            }
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            Values.list(mappings).forEach(m -> ids.add(m.path("SubnetId").isMissingNode() ? JsonNodeFactory.instance.nullNode() : m.path("SubnetId")));
            subnets = ids;
        }
        if (Values.isSet(subnets)) {
            SubnetZones z = SubnetZones.ofSubnetReferences(subnets, context);
            return z.verdict("the load balancer's " + z.entries() + " subnet" + (z.entries() == 1 ? "" : "s"));
        }
        JsonNode zones = lb.property("AvailabilityZones");
        if (lb.type().equals("AWS::ElasticLoadBalancing::LoadBalancer") && Values.isSet(zones)) {
            return SubnetZones.ofZoneList(zones).verdict("the load balancer's AvailabilityZones");
        }
        return Verdict.fail(lb.type().equals("AWS::ElasticLoadBalancing::LoadBalancer")
                ? "neither Subnets nor AvailabilityZones is set" : "neither Subnets nor SubnetMappings is set");
    }
}
