package dev.cxscan.checks.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.checks.RuleContext;
import dev.cxscan.checks.Values;
import dev.cxscan.checks.Verdict;
import dev.cxscan.checks.rules.ec2.Cidrs.Reach;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads security group ingress the way EC2 applies it, for the three "from anywhere" rules.
 * Sources: inline SecurityGroupIngress entries of an AWS::EC2::SecurityGroup (a single object is
 * taken as a one-entry list) and standalone AWS::EC2::SecurityGroupIngress resources, which are
 * judged on their own (CDK writes them for connections between groups), never folded into the
 * group. Protocols: "-1", -1 and "all" mean every protocol and port; tcp/6 and udp/17 use
 * FromPort..ToPort (numbers or numeric strings; -1 or a missing bound means the whole range, the
 * conservative reading); icmp/1 and icmpv6/58 open no port; any other protocol number opens its
 * whole protocol but no TCP/UDP port. An inverted range (FromPort above ToPort) covers no port:
 * EC2 rejects it.
 */
final class IngressRules {
    private IngressRules() {
    }

    enum Protocol { ALL, TCP, UDP, ICMP, ICMPV6, OTHER }

    /** An IP protocol as EC2 reads it in security group rules and network ACL entries (name or number). */
    static Protocol protocol(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "-1", "all" -> Protocol.ALL;
            case "tcp", "6" -> Protocol.TCP;
            case "udp", "17" -> Protocol.UDP;
            case "icmp", "1" -> Protocol.ICMP;
            case "icmpv6", "58" -> Protocol.ICMPV6;
            default -> Protocol.OTHER;
        };
    }

    /**
     * A TCP/UDP port range (FromPort..ToPort of a security group rule, PortRange.From..To of a
     * network ACL entry): a missing or negative bound stands for the end of the whole range.
     *
     * @param problem the bound that is set but not a number, e.g. "FromPort ({Ref=P})"; null when both were read
     */
    record Ports(int from, int to, String problem) {
        static Ports read(JsonNode fromNode, String fromName, JsonNode toNode, String toName) {
            OptionalInt from = Values.integer(fromNode);
            OptionalInt to = Values.integer(toNode);
            if (!Values.isAbsent(fromNode) && from.isEmpty()) {
                return new Ports(0, 65535, fromName + " (" + Values.describe(fromNode) + ")");
            }
            if (!Values.isAbsent(toNode) && to.isEmpty()) {
                return new Ports(0, 65535, toName + " (" + Values.describe(toNode) + ")");
            }
            return new Ports(from.isEmpty() || from.getAsInt() < 0 ? 0 : from.getAsInt(),
                    to.isEmpty() || to.getAsInt() < 0 ? 65535 : to.getAsInt(), null);
        }
    }

    /**
     * One ingress permission.
     *
     * @param label    "ingress rule 2" or "this ingress" for a standalone resource
     * @param reach    whether the source is anywhere
     * @param source   the source as written, for messages
     * @param protocol protocol, null when unreadable
     * @param protocolText protocol as written
     * @param from     first port (tcp/udp)
     * @param to       last port (tcp/udp)
     * @param problem  what could not be read (protocol or ports), null when all was read
     */
    record Ingress(String label, Reach reach, String source, Protocol protocol, String protocolText,
                   int from, int to, String problem) {

        boolean fromAnywhere() {
            return reach == Reach.ANYWHERE;
        }

        boolean hasPorts() {
            return protocol == Protocol.TCP || protocol == Protocol.UDP;
        }

        /** True when traffic to {@code port} (TCP or UDP) is admitted. */
        boolean covers(int port) {
            return protocol == Protocol.ALL || (hasPorts() && from <= port && port <= to);
        }

        boolean invertedRange() {
            return hasPorts() && from > to;
        }

        /** Every protocol, or every TCP/UDP port (0-65535; 1-65535 counts too since port 0 is unused). */
        boolean allTraffic() {
            return protocol == Protocol.ALL || (hasPorts() && from <= 1 && to >= 65535);
        }

        /** Admits nothing but TCP/UDP 80 or 443 (ICMP opens no port; an inverted range admits nothing). */
        boolean webOnly() {
            if (protocol == Protocol.ICMP || protocol == Protocol.ICMPV6) {
                return true;
            }
            if (!hasPorts()) {
                return false;
            }
            return invertedRange() || (from == to && (from == 80 || from == 443));
        }

        String traffic() {
            if (protocol == null) {
                return "protocol " + protocolText;
            }
            return switch (protocol) {
                case ALL -> "all traffic (IpProtocol " + protocolText + ")";
                case TCP, UDP -> protocol.name().toLowerCase(Locale.ROOT) + " "
                        + (from == to ? String.valueOf(from) : from + "-" + to)
                        + (invertedRange() ? " (inverted range, admits nothing)" : "");
                case ICMP, ICMPV6 -> protocol.name().toLowerCase(Locale.ROOT);
                case OTHER -> "IP protocol " + protocolText;
            };
        }

        String describe() {
            return label + " (" + traffic() + " from " + source + ")";
        }
    }

    /** The ingress permissions a resource declares: inline entries of a group, or a standalone ingress. */
    static List<Ingress> of(Resource resource, RuleContext context) {
        List<Ingress> out = new ArrayList<>();
        if (resource.type().equals("AWS::EC2::SecurityGroupIngress")) {
            out.add(read(resource.properties(), "this ingress", context));
            return out;
        }
        JsonNode ingress = resource.property("SecurityGroupIngress");
        if (Values.isIntrinsic(ingress)) {
            out.add(new Ingress("SecurityGroupIngress", Reach.UNKNOWN, Values.describe(ingress), null,
                    Values.describe(ingress), 0, 65535, "SecurityGroupIngress (" + Values.describe(ingress) + ")"));
            return out;
        }
        List<JsonNode> entries = Values.list(ingress);
        for (int i = 0; i < entries.size(); i++) {
            out.add(read(entries.get(i), "ingress rule " + (i + 1), context));
        }
        return out;
    }

    static Ingress read(JsonNode e, String label, RuleContext context) {
        if (Values.isIntrinsic(e) || !e.isObject()) {
            String d = Values.describe(e);
            return new Ingress(label, Reach.UNKNOWN, d, null, d, 0, 65535, label + " (" + d + ")");
        }
        // source
        Reach reach;
        String source;
        JsonNode v4 = e.path("CidrIp");
        JsonNode v6 = e.path("CidrIpv6");
        if (Values.isSet(v4) || Values.isSet(v6)) {
            Reach r4 = Cidrs.classify(v4, context);
            Reach r6 = Cidrs.classify(v6, context);
            reach = r4 == Reach.ANYWHERE || r6 == Reach.ANYWHERE ? Reach.ANYWHERE
                    : r4 == Reach.UNKNOWN || r6 == Reach.UNKNOWN ? Reach.UNKNOWN : Reach.RESTRICTED;
            source = Values.isSet(v4) ? Values.describe(v4) : Values.describe(v6);
            if (reach == Reach.UNKNOWN) {
                source = (Values.isSet(v4) ? "CidrIp " : "CidrIpv6 ") + source;
            }
        } else if (Values.isSet(e.path("SourceSecurityGroupId")) || Values.isSet(e.path("SourceSecurityGroupName"))) {
            reach = Reach.RESTRICTED;
            JsonNode sg = Values.isSet(e.path("SourceSecurityGroupId")) ? e.path("SourceSecurityGroupId") : e.path("SourceSecurityGroupName");
            source = "security group " + Values.describe(sg);
        } else if (Values.isSet(e.path("SourcePrefixListId"))) {
            reach = Reach.RESTRICTED;
            source = "prefix list " + Values.describe(e.path("SourcePrefixListId"));
        } else {
            reach = Reach.RESTRICTED; // EC2 rejects a permission without a source
            source = "no source";
        }
        // protocol
        JsonNode p = e.path("IpProtocol");
        String pText = Values.describe(p);
        if (Values.isAbsent(p)) {
            return new Ingress(label, reach, source, null, "missing", 0, 65535, "IpProtocol of " + label + " (missing)");
        }
        if (Values.text(p).isEmpty()) {
            return new Ingress(label, reach, source, null, pText, 0, 65535, "IpProtocol of " + label + " (" + pText + ")");
        }
        Protocol protocol = protocol(pText);
        if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
            return new Ingress(label, reach, source, protocol, pText, 0, 65535, null);
        }
        Ports ports = Ports.read(e.path("FromPort"), "FromPort", e.path("ToPort"), "ToPort");
        return new Ingress(label, reach, source, protocol, pText, ports.from(), ports.to(),
                ports.problem() == null ? null : ports.problem() + " of " + label);
    }

    /**
     * The common verdict: FAIL naming every permission from anywhere that {@code bad} matches;
     * unresolved when a permission might be such one but its source, protocol or ports cannot be
     * read; otherwise PASS with {@code passMessage} over the permissions from anywhere (empty when
     * there are none, then the message says so).
     *
     * @param why  for a bad permission, what it opens ("opens port 22"), appended to its description
     */
    static Verdict judge(Resource resource, RuleContext context, Predicate<Ingress> bad, Function<Ingress, String> why,
                         Function<List<Ingress>, String> passMessage) {
        List<Ingress> all = of(resource, context);
        List<String> failures = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<Ingress> open = new ArrayList<>();
        List<Ingress> restricted = new ArrayList<>();
        List<Ingress> harmless = new ArrayList<>();
        for (Ingress i : all) {
            if (i.reach() == Reach.RESTRICTED) {
                restricted.add(i);
                continue;
            }
            if (i.problem() != null) {
                unknown.add(i.problem() + (i.reach() == Reach.ANYWHERE ? " from " + i.source() : ""));
                continue;
            }
            if (i.reach() == Reach.UNKNOWN) {
                if (bad.test(i)) {
                    unknown.add("the source of " + i.label() + " (" + i.source() + ", " + i.traffic() + ")");
                } else {
                    harmless.add(i);
                }
                continue;
            }
            open.add(i);
            if (bad.test(i)) {
                failures.add(i.describe() + " " + why.apply(i));
            }
        }
        if (!failures.isEmpty()) {
            return Verdict.fail(String.join("; ", failures));
        }
        if (!unknown.isEmpty()) {
            return Verdict.unresolved(String.join("; ", unknown));
        }
        String message;
        if (!open.isEmpty()) {
            message = passMessage.apply(open);
        } else if (all.isEmpty()) {
            message = resource.type().equals("AWS::EC2::SecurityGroup")
                    ? "no inline ingress rules (standalone ingress resources are judged on their own)"
                    : "no ingress";
        } else {
            message = "no ingress from anywhere";
            if (!restricted.isEmpty()) {
                message += " (" + restricted.size() + " rule" + (restricted.size() == 1 ? "" : "s") + " from "
                        + restricted.stream().map(Ingress::source).distinct().collect(Collectors.joining(", ")) + ")";
            }
        }
        if (!harmless.isEmpty()) {
            message += "; from sources not resolvable here, only " + trafficList(harmless) + ", which this check allows";
        }
        return Verdict.pass(message);
    }

    /** "tcp 443, tcp 80" for messages. */
    static String trafficList(List<Ingress> ingress) {
        return ingress.stream().map(i -> i.traffic() + " from " + i.source()).distinct().collect(Collectors.joining(", "));
    }
}
