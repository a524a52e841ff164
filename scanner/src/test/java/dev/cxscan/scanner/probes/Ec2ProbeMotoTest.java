package dev.cxscan.scanner.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.Status;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.probes.ec2.Ec2Probe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;

class Ec2ProbeMotoTest extends MotoTestBase {

    @Test
    void securityGroupsNaclsVpcsVolumesInCloudFormationShape() {
        Ec2Client ec2 = client(Ec2Client.class);
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1a"));
        ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24").availabilityZone("us-east-1b"));
        String lonely = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        ec2.createSubnet(b -> b.vpcId(lonely).cidrBlock("10.1.1.0/24").availabilityZone("us-east-1a"));
        String sg = ec2.createSecurityGroup(b -> b.groupName("web").description("web").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build(), IpRange.builder().cidrIp("10.0.0.0/8").build()).build(),
                IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                        .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build()));
        String web = ec2.createSecurityGroup(b -> b.groupName("https").description("https").vpcId(vpc)).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(web).ipPermissions(IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        String acl = ec2.createNetworkAcl(b -> b.vpcId(vpc)).networkAcl().networkAclId();
        ec2.createNetworkAclEntry(b -> b.networkAclId(acl).ruleNumber(100).protocol("6").ruleAction("allow").egress(false)
                .cidrBlock("0.0.0.0/0").portRange(p -> p.from(22).to(22)));
        client(software.amazon.awssdk.services.s3.S3Client.class).createBucket(b -> b.bucket("flow-logs-bucket"));
        ec2.createFlowLogs(b -> b.resourceIds(vpc).resourceType("VPC").trafficType("ALL").logDestinationType("s3")
                .logDestination("arn:aws:s3:::flow-logs-bucket"));
        String plain = ec2.createVolume(b -> b.availabilityZone("us-east-1a").size(8)).volumeId();
        String secret = ec2.createVolume(b -> b.availabilityZone("us-east-1a").size(8).encrypted(true)).volumeId();
        ec2.enableEbsEncryptionByDefault(b -> { });

        LiveInventory inv = read(new Ec2Probe());

        Resource group = resource(inv, "AWS::EC2::SecurityGroup", sg);
        assertEquals("web", group.property("GroupName").asText());
        assertEquals(vpc, group.property("VpcId").asText());
        JsonNode ingress = group.property("SecurityGroupIngress");
        assertEquals(3, ingress.size(), ingress.toString()); // one entry per CIDR, as CloudFormation writes them
        assertTrue(ingress.toString().contains("\"CidrIpv6\":\"::/0\""), ingress.toString());
        assertRule(Status.FAIL, inv, "ec2_sg_no_public_admin_ports", sg);
        assertRule(Status.PASS, inv, "ec2_sg_no_public_admin_ports", web);
        assertRule(Status.PASS, inv, "ec2_sg_public_ingress_web_only", web);
        assertTrue(rule(inv, "ec2_sg_no_public_admin_ports", sg).message().contains("22"));

        String defaultSg = resources(inv, "AWS::EC2::SecurityGroup").stream()
                .filter(r -> r.property("GroupName").asText().equals("default") && r.property("VpcId").asText().equals(vpc))
                .findFirst().orElseThrow().id();
        assertRule(Status.FAIL, inv, "ec2_default_sg_closed", defaultSg);

        assertRule(Status.FAIL, inv, "ec2_nacl_no_public_admin_ports", acl + "/ingress/100");
        assertRule(Status.PASS, inv, "vpc_flow_logs_enabled", vpc);
        assertRule(Status.FAIL, inv, "vpc_flow_logs_enabled", lonely);
        assertRule(Status.PASS, inv, "vpc_subnets_multi_az", vpc);
        assertRule(Status.FAIL, inv, "vpc_subnets_multi_az", lonely);
        assertRule(Status.FAIL, inv, "ebs_volume_encrypted", plain);
        assertRule(Status.PASS, inv, "ebs_volume_encrypted", secret);
        assertTrue(inv.fact(Ec2Probe.EBS_DEFAULT + "@us-east-1").orElseThrow().path("EbsEncryptionByDefault").asBoolean());
        assertEquals(0, inv.errors().size(), inv.errors().toString());
    }
}
