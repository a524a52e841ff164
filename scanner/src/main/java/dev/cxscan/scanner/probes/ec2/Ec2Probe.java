package dev.cxscan.scanner.probes.ec2;

import static dev.cxscan.scanner.probes.ProbeSupport.arn;
import static dev.cxscan.scanner.probes.ProbeSupport.arr;
import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;
import static dev.cxscan.scanner.probes.ProbeSupport.tags;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import dev.cxscan.scanner.probes.backup.BackupProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * EC2 and VPC of one region, with the paginators: security groups as AWS::EC2::SecurityGroup
 * (GroupName, VpcId, SecurityGroupIngress / SecurityGroupEgress flattened to one entry per CIDR,
 * prefix list or source group, as CloudFormation writes them), every network ACL entry as
 * AWS::EC2::NetworkAclEntry (id "acl-.../ingress/100"), VPCs, subnets, flow logs (ResourceType
 * derived from the resource id, which the API does not return) and volumes. Fact
 * {@value #EBS_DEFAULT}@region: {"EbsEncryptionByDefault": bool}.
 */
public final class Ec2Probe implements Probe {
    public static final String EBS_DEFAULT = "ec2:GetEbsEncryptionByDefault";

    private static final List<String> SG_CHECKS = List.of("ec2_sg_no_public_all_traffic", "ec2_sg_no_public_admin_ports",
            "ec2_sg_public_ingress_web_only", "ec2_default_sg_closed");
    private static final List<String> VPC_CHECKS = List.of("vpc_flow_logs_enabled", "vpc_subnets_multi_az");

    @Override
    public String service() {
        return "ec2";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::EC2::SecurityGroup", "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::VPC",
                "AWS::EC2::Subnet", "AWS::EC2::FlowLog", "AWS::EC2::Volume");
    }

    @Override
    public List<String> iamActions() {
        return List.of("ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeVpcs", "ec2:DescribeSubnets",
                "ec2:DescribeFlowLogs", "ec2:DescribeVolumes", "ec2:GetEbsEncryptionByDefault");
    }

    @Override
    public void read(ProbeContext c) {
        Ec2Client ec2 = c.clients().client(Ec2Client.class, c.region());
        String region = c.region().id();
        String account = c.accountId();
        call(c, "ec2:DescribeSecurityGroups", SG_CHECKS, () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeSecurityGroupsPaginator(b -> { }).securityGroups().forEach(g -> out.add(securityGroup(g, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:DescribeNetworkAcls", List.of("ec2_nacl_no_public_admin_ports"), () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeNetworkAclsPaginator(b -> { }).networkAcls().forEach(a -> out.addAll(networkAcl(a, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:DescribeVpcs", VPC_CHECKS, () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeVpcsPaginator(b -> { }).vpcs().forEach(v -> out.add(vpc(v, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:DescribeSubnets", List.of("vpc_subnets_multi_az", "asg_multi_az", "elb_multi_az"), () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeSubnetsPaginator(b -> { }).subnets().forEach(s -> out.add(subnet(s, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:DescribeFlowLogs", List.of("vpc_flow_logs_enabled"), () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeFlowLogsPaginator(b -> { }).flowLogs().forEach(f -> out.add(flowLog(f, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:DescribeVolumes", ProbeSupport.concat(List.of("ebs_volume_encrypted"), BackupProbe.CHECKS), () -> {
            List<Resource> out = new ArrayList<>();
            ec2.describeVolumesPaginator(b -> { }).volumes().forEach(v -> out.add(volume(v, region, account)));
            return out;
        }).ifPresent(list -> list.forEach(r -> c.inventory().add(region, r)));
        call(c, "ec2:GetEbsEncryptionByDefault", List.of("ebs_default_encryption"),
                () -> ec2.getEbsEncryptionByDefault(b -> { }).ebsEncryptionByDefault())
                .ifPresent(on -> c.inventory().fact(EBS_DEFAULT + "@" + region, obj().put("EbsEncryptionByDefault", on)));
    }

    private static <T> Optional<T> call(ProbeContext c, String action, List<String> checks, Supplier<T> s) {
        return ProbeSupport.call(c, "ec2", action, c.region().id(), checks, s);
    }

    private static ArrayNode ec2Tags(List<Tag> tags) {
        return tags(tags, Tag::key, Tag::value);
    }

    static Resource securityGroup(SecurityGroup g, String region, String account) {
        ObjectNode p = obj();
        p.put("GroupName", g.groupName());
        put(p, "GroupDescription", g.description());
        put(p, "VpcId", g.vpcId());
        p.set("SecurityGroupIngress", permissions(g.ipPermissions(), false));
        p.set("SecurityGroupEgress", permissions(g.ipPermissionsEgress(), true));
        p.set("Tags", ec2Tags(g.tags()));
        return Resource.live("AWS::EC2::SecurityGroup", g.groupId(), arn("ec2", region, account, "security-group/" + g.groupId()),
                region, p);
    }

    /** One CloudFormation rule per CIDR, prefix list or group of each permission. */
    static ArrayNode permissions(List<IpPermission> permissions, boolean egress) {
        ArrayNode out = arr();
        for (IpPermission perm : permissions) {
            perm.ipRanges().forEach(r -> rule(out, perm, r.description()).put("CidrIp", r.cidrIp()));
            perm.ipv6Ranges().forEach(r -> rule(out, perm, r.description()).put("CidrIpv6", r.cidrIpv6()));
            perm.prefixListIds().forEach(r -> rule(out, perm, r.description())
                    .put(egress ? "DestinationPrefixListId" : "SourcePrefixListId", r.prefixListId()));
            perm.userIdGroupPairs().forEach(r -> {
                ObjectNode o = rule(out, perm, r.description());
                o.put(egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId", r.groupId());
                if (!egress) {
                    put(o, "SourceSecurityGroupOwnerId", r.userId());
                }
            });
        }
        return out;
    }

    private static ObjectNode rule(ArrayNode out, IpPermission perm, String description) {
        ObjectNode o = out.addObject();
        o.put("IpProtocol", perm.ipProtocol());
        put(o, "FromPort", perm.fromPort());
        put(o, "ToPort", perm.toPort());
        put(o, "Description", description);
        return o;
    }

    static List<Resource> networkAcl(NetworkAcl acl, String region, String account) {
        List<Resource> out = new ArrayList<>();
        ObjectNode p = obj();
        put(p, "VpcId", acl.vpcId());
        put(p, "IsDefault", acl.isDefault());
        p.set("Tags", ec2Tags(acl.tags()));
        String aclArn = arn("ec2", region, account, "network-acl/" + acl.networkAclId());
        out.add(Resource.live("AWS::EC2::NetworkAcl", acl.networkAclId(), aclArn, region, p));
        for (NetworkAclEntry e : acl.entries()) {
            ObjectNode ep = obj();
            ep.put("NetworkAclId", acl.networkAclId());
            put(ep, "RuleNumber", e.ruleNumber());
            String proto = e.protocol();
            try {
                ep.put("Protocol", Integer.parseInt(proto));
            } catch (NumberFormatException | NullPointerException ex) {
                put(ep, "Protocol", proto);
            }
            put(ep, "RuleAction", e.ruleActionAsString());
            put(ep, "Egress", e.egress());
            put(ep, "CidrBlock", e.cidrBlock());
            put(ep, "Ipv6CidrBlock", e.ipv6CidrBlock());
            if (e.portRange() != null) {
                ObjectNode range = ep.putObject("PortRange");
                put(range, "From", e.portRange().from());
                put(range, "To", e.portRange().to());
            }
            if (e.icmpTypeCode() != null) {
                ObjectNode icmp = ep.putObject("Icmp");
                put(icmp, "Code", e.icmpTypeCode().code());
                put(icmp, "Type", e.icmpTypeCode().type());
            }
            String id = acl.networkAclId() + "/" + (Boolean.TRUE.equals(e.egress()) ? "egress" : "ingress") + "/" + e.ruleNumber();
            out.add(Resource.live("AWS::EC2::NetworkAclEntry", id, null, region, ep));
        }
        return out;
    }

    static Resource vpc(Vpc v, String region, String account) {
        ObjectNode p = obj();
        put(p, "CidrBlock", v.cidrBlock());
        put(p, "IsDefault", v.isDefault());
        p.set("Tags", ec2Tags(v.tags()));
        return Resource.live("AWS::EC2::VPC", v.vpcId(), arn("ec2", region, account, "vpc/" + v.vpcId()), region, p);
    }

    static Resource subnet(Subnet s, String region, String account) {
        ObjectNode p = obj();
        put(p, "VpcId", s.vpcId());
        put(p, "AvailabilityZone", s.availabilityZone());
        put(p, "AvailabilityZoneId", s.availabilityZoneId());
        put(p, "CidrBlock", s.cidrBlock());
        put(p, "MapPublicIpOnLaunch", s.mapPublicIpOnLaunch());
        put(p, "DefaultForAz", s.defaultForAz());
        p.set("Tags", ec2Tags(s.tags()));
        String arn = s.subnetArn() != null ? s.subnetArn() : arn("ec2", region, account, "subnet/" + s.subnetId());
        return Resource.live("AWS::EC2::Subnet", s.subnetId(), arn, region, p);
    }

    static Resource flowLog(FlowLog f, String region, String account) {
        ObjectNode p = obj();
        String target = f.resourceId();
        put(p, "ResourceId", target);
        if (target != null) {
            String type = target.startsWith("vpc-") ? "VPC" : target.startsWith("subnet-") ? "Subnet"
                    : target.startsWith("eni-") ? "NetworkInterface" : target.startsWith("tgw-attach-") ? "TransitGatewayAttachment"
                    : target.startsWith("tgw-") ? "TransitGateway" : null;
            put(p, "ResourceType", type);
        }
        put(p, "TrafficType", f.trafficTypeAsString());
        put(p, "LogDestinationType", f.logDestinationTypeAsString());
        put(p, "LogDestination", f.logDestination());
        put(p, "LogGroupName", f.logGroupName());
        put(p, "FlowLogStatus", f.flowLogStatus());
        p.set("Tags", ec2Tags(f.tags()));
        return Resource.live("AWS::EC2::FlowLog", f.flowLogId(), arn("ec2", region, account, "vpc-flow-log/" + f.flowLogId()),
                region, p);
    }

    static Resource volume(Volume v, String region, String account) {
        ObjectNode p = obj();
        put(p, "Encrypted", v.encrypted());
        put(p, "KmsKeyId", v.kmsKeyId());
        put(p, "AvailabilityZone", v.availabilityZone());
        put(p, "Size", v.size());
        put(p, "VolumeType", v.volumeTypeAsString());
        put(p, "State", v.stateAsString());
        p.set("Tags", ec2Tags(v.tags()));
        return Resource.live("AWS::EC2::Volume", v.volumeId(), arn("ec2", region, account, "volume/" + v.volumeId()), region, p);
    }
}
