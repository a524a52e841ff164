package dev.cxscan.checks.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.AbstractRule;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Tri;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.ec2.Cidrs.Reach;
import dev.cxscan.reports.Check;
import dev.cxscan.reports.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NETSEC-001: no network ACL entry allows inbound traffic from anywhere (CidrBlock 0.0.0.0/0 or
 * Ipv6CidrBlock ::/0, any /0) to the admin ports 22 or 3389. Every inbound
 * AWS::EC2::NetworkAclEntry gets a finding: deny entries and entries from a narrower source pass
 * (they cannot open anything to anywhere), so a reviewer sees every inbound entry was looked at.
 * Egress entries are not judged (no finding): the check is about inbound traffic. Protocol -1
 * means all ports; TCP (6) and UDP (17) use PortRange, and a missing PortRange or bound means the
 * whole range (the conservative reading); other protocols (ICMP 1, ICMPv6 58...) have no ports.
 * Unlike cfn_nag W66/W67, which flag all-protocol or all-port entries whatever their source, only
 * entries from anywhere are judged, as CHECKS.md defines it. For live scans the probe gives each
 * entry of DescribeNetworkAcls in this shape.
 */
public final class Ec2NaclNoPublicAdminPorts extends AbstractRule {
    static final Check CHECK = Check.of("ec2_nacl_no_public_admin_ports",
            "Network ACLs do not allow inbound SSH (22) or RDP (3389) from anywhere", Severity.MEDIUM, "NETSEC-001",
            "Give the network ACL entries that allow inbound traffic from 0.0.0.0/0 or ::/0 a port range that excludes "
                    + "22 and 3389 (or add a lower-numbered deny entry for them); in CDK: "
                    + "nacl.addEntry(id, NetworkAclEntryProps.builder().traffic(AclTraffic.tcpPort(443))...).");

    public Ec2NaclNoPublicAdminPorts() {
        super(CHECK, "AWS::EC2::NetworkAclEntry");
    }

    @Override
    public Verdict evaluate(Resource entry, RuleContext context) {
        Tri egress = Values.bool(entry.property("Egress"), Tri.FALSE);
        if (egress == Tri.UNKNOWN) {
            return Verdict.unresolved("Egress (" + Values.describe(entry.property("Egress")) + ")");
        }
        if (egress.isTrue()) {
            return Verdict.notApplicable();
        }
        JsonNode action = entry.property("RuleAction");
        if (Values.text(action).isEmpty()) {
            return Verdict.unresolved("RuleAction (" + Values.describe(action) + ")");
        }
        if (Values.textEquals(action, "deny")) {
            return Verdict.pass("inbound deny entry");
        }
        JsonNode v4 = entry.property("CidrBlock");
        JsonNode v6 = entry.property("Ipv6CidrBlock");
        JsonNode cidr = Values.isSet(v4) ? v4 : v6;
        Reach reach = Cidrs.classify(cidr, context);
        if (!Values.isSet(cidr)) {
            return Verdict.fail("allow entry without CidrBlock or Ipv6CidrBlock");
        }
        if (reach == Reach.RESTRICTED) {
            return Verdict.pass("inbound allow entry only from " + Values.describe(cidr));
        }
        JsonNode protocol = entry.property("Protocol");
        Traffic traffic = traffic(entry, protocol);
        if (traffic.problem != null) {
            return Verdict.unresolved(traffic.problem);
        }
        List<String> admin = new ArrayList<>();
        for (int port : new int[] {22, 3389}) {
            if (traffic.covers(port)) {
                admin.add(String.valueOf(port));
            }
        }
        if (reach == Reach.UNKNOWN) {
            return admin.isEmpty()
                    ? Verdict.pass("inbound allow entry for " + traffic.text + " does not reach ports 22 or 3389 (source "
                            + Values.describe(cidr) + ")")
                    : Verdict.unresolved("the source (" + Values.describe(cidr) + ") of an inbound allow entry for " + traffic.text);
        }
        if (!admin.isEmpty()) {
            return Verdict.fail("inbound allow entry for " + traffic.text + " from " + Values.describe(cidr)
                    + " opens port " + String.join(" and ", admin) + " to anywhere");
        }
        return Verdict.pass("inbound allow entry from " + Values.describe(cidr) + " only for " + traffic.text
                + ", which excludes ports 22 and 3389");
    }

    private record Traffic(String text, boolean all, boolean ports, int from, int to, String problem) {
        boolean covers(int port) {
            return all || (ports && from <= port && port <= to);
        }
    }

    private static Traffic traffic(Resource entry, JsonNode protocol) {
        if (Values.text(protocol).isEmpty()) {
            return new Traffic("", false, false, 0, 0, "Protocol (" + Values.describe(protocol) + ")");
        }
        String p = Values.text(protocol).get().trim().toLowerCase(Locale.ROOT);
        IngressRules.Protocol kind = IngressRules.protocol(p);
        if (kind == IngressRules.Protocol.ALL) {
            return new Traffic("all traffic (Protocol -1)", true, false, 0, 65535, null);
        }
        if (kind != IngressRules.Protocol.TCP && kind != IngressRules.Protocol.UDP) {
            return new Traffic("protocol " + p, false, false, 0, 0, null);
        }
        String name = kind == IngressRules.Protocol.TCP ? "tcp" : "udp";
        JsonNode range = entry.property("PortRange");
        if (Values.isIntrinsic(range)) {
            return new Traffic("", false, false, 0, 0, "PortRange (" + Values.describe(range) + ")");
        }
        IngressRules.Ports ports = IngressRules.Ports.read(range.path("From"), "PortRange.From", range.path("To"), "PortRange.To");
        if (ports.problem() != null) {
            return new Traffic("", false, false, 0, 0, ports.problem());
        }
        int f = ports.from();
        int t = ports.to();
        String text = name + " " + (f == t ? String.valueOf(f) : f + "-" + t)
                + (Values.isAbsent(range) ? " (no PortRange: all ports)" : "");
        return new Traffic(text, false, true, f, t, null);
    }
}
