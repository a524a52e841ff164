package dev.cxscan.checks.rules.ec2;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-001: no security group admits all traffic from anywhere (0.0.0.0/0 or ::/0): neither
 * IpProtocol -1/"all" nor TCP/UDP ports 0-65535. Judges the inline ingress of
 * AWS::EC2::SecurityGroup and each standalone AWS::EC2::SecurityGroupIngress (the finding is on the
 * standalone resource). A range from 1 to 65535 counts as all ports (port 0 is not used). A source
 * that is a Ref to a parameter without default is unresolved, never a pass. Reading rules:
 * {@link IngressRules}.
 */
public final class Ec2SgNoPublicAllTraffic extends AbstractRule {
    static final Check CHECK = Check.of("ec2_sg_no_public_all_traffic",
            "Security groups admit no traffic on all protocols or all ports from anywhere", Severity.CRITICAL, "NETSEC-001",
            "Replace ingress from 0.0.0.0/0 or ::/0 with IpProtocol -1 or ports 0-65535 by rules for the ports the "
                    + "workload serves, from the narrowest source (a security group, prefix list or VPC CIDR); in CDK use "
                    + "sg.addIngressRule(Peer.securityGroupId(...), Port.tcp(443)) rather than Port.allTraffic() from Peer.anyIpv4().");

    public Ec2SgNoPublicAllTraffic() {
        super(CHECK, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return IngressRules.judge(resource, context, IngressRules.Ingress::allTraffic,
                i -> "admits all traffic from anywhere",
                open -> "ingress from anywhere is limited to " + IngressRules.trafficList(open));
    }
}
