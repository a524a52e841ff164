package dev.cxscan.checks.rules.ec2;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * NETSEC-001: no security group admits the admin ports 22 (SSH) or 3389 (RDP) from anywhere
 * (0.0.0.0/0 or ::/0). A TCP or UDP range containing either port counts, and so does IpProtocol
 * -1/"all"; ICMP and other IP protocols open no TCP/UDP port. Judges the inline ingress of
 * AWS::EC2::SecurityGroup and each standalone AWS::EC2::SecurityGroupIngress. An inverted range
 * (FromPort 23, ToPort 21) admits nothing, since EC2 rejects it, so it passes (checkov agrees). A
 * rule from anywhere without IpProtocol fails as unresolved: EC2 would reject it, and nothing
 * tells which ports were meant. Reading rules: {@link IngressRules}.
 */
public final class Ec2SgNoPublicAdminPorts extends AbstractRule {
    static final Check CHECK = Check.of("ec2_sg_no_public_admin_ports",
            "Security groups do not admit SSH (22) or RDP (3389) from anywhere", Severity.HIGH, "NETSEC-001",
            "Remove ingress from 0.0.0.0/0 or ::/0 that covers port 22 or 3389; reach instances through AWS Systems "
                    + "Manager Session Manager, or allow admin ports only from a bastion security group or a corporate "
                    + "CIDR. In CDK: do not call sg.addIngressRule(Peer.anyIpv4(), Port.tcp(22)).");

    public Ec2SgNoPublicAdminPorts() {
        super(CHECK, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return IngressRules.judge(resource, context, i -> i.covers(22) || i.covers(3389),
                i -> "opens " + adminPorts(i) + " to anywhere",
                open -> "no admin port open to anywhere; ingress from anywhere: " + IngressRules.trafficList(open));
    }

    private static String adminPorts(IngressRules.Ingress i) {
        List<String> ports = new ArrayList<>();
        if (i.covers(22)) {
            ports.add("port 22 (SSH)");
        }
        if (i.covers(3389)) {
            ports.add("port 3389 (RDP)");
        }
        return String.join(" and ", ports);
    }
}
