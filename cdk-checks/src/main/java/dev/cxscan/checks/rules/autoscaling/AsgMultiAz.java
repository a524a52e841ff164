package dev.cxscan.checks.rules.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.vpc.SubnetZones;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * DOC-001: Auto Scaling groups span at least two Availability Zones. When VPCZoneIdentifier is set
 * its subnets decide (followed to the AWS::EC2::Subnet resources and their AZs; EC2 Auto Scaling
 * launches into the subnets' AZs, and AvailabilityZones must then agree with them); otherwise the
 * AvailabilityZones list (names, CDK Fn::Select/Fn::GetAZs entries, or a whole Fn::GetAZs). Subnet
 * ids that are not declared in the template (parameters without default, imports, literal
 * subnet-... ids from Vpc.fromLookup) are unresolved. AZ reading: {@link SubnetZones}.
 */
public final class AsgMultiAz extends AbstractRule {
    static final Check CHECK = Check.of("asg_multi_az",
            "Auto Scaling groups span at least two Availability Zones", Severity.MEDIUM, "DOC-001",
            "Give the group subnets in two or more Availability Zones (VPCZoneIdentifier); in CDK: new AutoScalingGroup(..., "
                    + "vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())) on a VPC "
                    + "with maxAzs of 2 or more.");

    public AsgMultiAz() {
        super(CHECK, "AWS::AutoScaling::AutoScalingGroup");
    }

    @Override
    public Verdict evaluate(Resource asg, RuleContext context) {
        JsonNode subnets = asg.property("VPCZoneIdentifier");
        if (Values.isSet(subnets)) {
            SubnetZones z = SubnetZones.ofSubnetReferences(subnets, context);
            return z.verdict("the group's " + z.entries() + " subnet" + (z.entries() == 1 ? "" : "s"));
        }
        JsonNode zones = asg.property("AvailabilityZones");
        if (Values.isSet(zones)) {
            return SubnetZones.ofZoneList(zones).verdict("the group's AvailabilityZones");
        }
        return Verdict.fail("neither VPCZoneIdentifier nor AvailabilityZones is set");
    }
}
