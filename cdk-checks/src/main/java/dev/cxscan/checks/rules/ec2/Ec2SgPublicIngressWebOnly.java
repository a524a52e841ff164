package dev.cxscan.checks.rules.ec2;

import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Verdict;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;

/**
 * NETSEC-001: ingress from anywhere (0.0.0.0/0 or ::/0) is only on ports 80 and 443, the ports a
 * public web endpoint needs. A rule from anywhere whose TCP/UDP range holds any other port fails
 * (80-443 fails), and so do IpProtocol -1 and other IP protocols (ESP, GRE...). UDP 443 (HTTP/3)
 * is accepted. ICMP/ICMPv6 from anywhere opens no port and is accepted (path MTU discovery needs
 * it); the pass message names it. Unlike cfn_nag W2, which flags any ingress from anywhere, 80 and
 * 443 are deliberately allowed. Judges inline ingress of AWS::EC2::SecurityGroup and each
 * standalone AWS::EC2::SecurityGroupIngress. Reading rules: {@link IngressRules}.
 */
public final class Ec2SgPublicIngressWebOnly extends AbstractRule {
    static final Check CHECK = Check.of("ec2_sg_public_ingress_web_only",
            "Ingress from anywhere is only on ports 80 and 443", Severity.MEDIUM, "NETSEC-001",
            "Limit rules from 0.0.0.0/0 or ::/0 to TCP 80 and 443 (put public services behind a load balancer or "
                    + "CloudFront); allow every other port only from security groups, prefix lists or known CIDRs. In CDK: "
                    + "sg.addIngressRule(Peer.anyIpv4(), Port.tcp(443)) only, other ports from Peer.securityGroupId(...).");

    public Ec2SgPublicIngressWebOnly() {
        super(CHECK, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress");
    }

    @Override
    public Verdict evaluate(Resource resource, RuleContext context) {
        return IngressRules.judge(resource, context, i -> !i.webOnly(),
                i -> "admits more than ports 80 and 443 from anywhere",
                open -> "ingress from anywhere only on web ports: " + IngressRules.trafficList(open));
    }
}
