package dev.cxscan.checks.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a CIDR value (security group CidrIp/CidrIpv6, network ACL CidrBlock/Ipv6CidrBlock) means
 * "anywhere". Any literal with prefix length 0 is anywhere, whatever the address is written as
 * (0.0.0.0/0, ::/0, 0000::/0, 0000:0000:...:0000/0). An intrinsic whose every reference is a VPC,
 * subnet or CIDR-block resource of the template (CDK's Peer.ipv4(vpc.vpcCidrBlock) writes
 * {"Fn::GetAtt": [Vpc, "CidrBlock"]}) is a range inside the VPC, never anywhere. Anything else
 * (a Ref to a parameter without default, Fn::ImportValue) is unknown.
 */
final class Cidrs {
    enum Reach { ANYWHERE, RESTRICTED, UNKNOWN }

    private static final Set<String> VPC_RANGE_TYPES = Set.of("AWS::EC2::VPC", "AWS::EC2::Subnet",
            "AWS::EC2::VPCCidrBlock", "AWS::EC2::SubnetCidrBlock", "AWS::EC2::IPAMPool", "AWS::EC2::IPAMAllocation");

    private Cidrs() {
    }

    static Reach classify(JsonNode cidr, RuleContext context) {
        if (Values.isAbsent(cidr)) {
            return Reach.RESTRICTED;
        }
        Optional<String> text = Values.text(cidr);
        if (text.isPresent()) {
            String t = text.get().trim();
            int slash = t.indexOf('/');
            if (slash < 0) {
                return Reach.UNKNOWN;
            }
            try {
                return Integer.parseInt(t.substring(slash + 1).trim()) == 0 ? Reach.ANYWHERE : Reach.RESTRICTED;
            } catch (NumberFormatException e) {
                return Reach.UNKNOWN;
            }
        }
        Set<String> refs = new LinkedHashSet<>();
        ResourceSet.collectReferences(cidr, refs);
        if (refs.isEmpty()) {
            return Reach.UNKNOWN;
        }
        for (String ref : refs) {
            Optional<Resource> r = context.resolveReference(TextNode.valueOf(ref));
            if (r.isEmpty() || !VPC_RANGE_TYPES.contains(r.get().type())) {
                return Reach.UNKNOWN;
            }
        }
        return Reach.RESTRICTED;
    }
}
