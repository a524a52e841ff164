package dev.cxscan.checks.rules.vpc;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.List;

/**
 * DOC-001: the subnets of each VPC span at least two Availability Zones. The subnets are the
 * AWS::EC2::Subnet resources whose VpcId references the VPC (Ref in templates, vpc id live); how
 * AZ values are read and compared is in {@link SubnetZones} (CDK's env-agnostic
 * Fn::Select/Fn::GetAZs indexes count as different AZs). A VPC without subnets in the scope fails:
 * nothing in it can be highly available.
 */
public final class VpcSubnetsMultiAz extends AbstractRule {
    static final Check CHECK = Check.of("vpc_subnets_multi_az",
            "The subnets of each VPC span at least two Availability Zones", Severity.MEDIUM, "DOC-001",
            "Create subnets in at least two Availability Zones (for each tier); in CDK: new Vpc(this, id, "
                    + "VpcProps.builder().maxAzs(2)...) or more, which is the default.");

    public VpcSubnetsMultiAz() {
        super(CHECK, "AWS::EC2::VPC");
    }

    @Override
    public Verdict evaluate(Resource vpc, RuleContext context) {
        List<Resource> subnets = context.resourcesOfType("AWS::EC2::Subnet").stream()
                .filter(s -> context.resolveReference(s.property("VpcId")).filter(v -> v.id().equals(vpc.id())).isPresent())
                .toList();
        if (subnets.isEmpty()) {
            return Verdict.fail("no subnets of this VPC found in " + (context.isLive() ? "the scan" : "the template"));
        }
        return SubnetZones.ofSubnets(subnets).verdict("the " + subnets.size() + " subnet" + (subnets.size() == 1 ? "" : "s")
                + " of this VPC");
    }
}
