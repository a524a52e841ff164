package dev.cxscan.checks.rules.ec2;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.RuleTester;
import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ec2SgNoPublicAdminPortsTest {
    private final Ec2SgNoPublicAdminPorts rule = new Ec2SgNoPublicAdminPorts();

    private static final String YAML = """
            Parameters:
              AdminCidr:
                Type: String
              LowPort:
                Type: Number
              OfficeCidr:
                Type: String
                Default: 203.0.113.0/24
              Open:
                Type: String
                AllowedValues: ["yes", "no"]
            Conditions:
              IsOpen: !Equals [!Ref Open, "yes"]
            Resources:
              StringPorts:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ports as strings
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: '22'
                      ToPort: '22'
                      CidrIp: 0.0.0.0/0
              RangeWith3389:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: range holding RDP
                  SecurityGroupIngress:
                    - IpProtocol: "6"
                      FromPort: 3000
                      ToPort: 4000
                      CidrIpv6: ::/0
              AllProtocols:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: numeric -1
                  SecurityGroupIngress:
                    - IpProtocol: -1
                      CidrIp: 0.0.0.0/0
              UdpRdp:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: udp 3389
                  SecurityGroupIngress:
                    - IpProtocol: udp
                      FromPort: 3389
                      ToPort: 3389
                      CidrIp: 0.0.0.0/0
              WebOnly:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: https and ping
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 0.0.0.0/0
                    - IpProtocol: icmp
                      FromPort: -1
                      ToPort: -1
                      CidrIp: 0.0.0.0/0
              SshFromOffice:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh from the default of a parameter
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 22
                      ToPort: 22
                      CidrIp: !Ref OfficeCidr
              SshFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh from a parameter without default
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 22
                      ToPort: 22
                      CidrIp: !Ref AdminCidr
              HttpsFromParam:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: 443 from a parameter cannot open 22
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: !Ref AdminCidr
              Conditional:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: open only when IsOpen
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 22
                      ToPort: 22
                      CidrIp: !If [IsOpen, 0.0.0.0/0, 10.0.0.0/8]
              Empty:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: nothing inbound
              StandaloneSsh:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  IpProtocol: tcp
                  FromPort: 20
                  ToPort: 25
                  CidrIpv6: "0000::/0"
              StandaloneFromGroup:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  IpProtocol: "-1"
                  SourceSecurityGroupId: !GetAtt WebOnly.GroupId
              PrefixList:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  SourcePrefixListId: pl-12345678
              Inverted:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  IpProtocol: tcp
                  FromPort: 23
                  ToPort: 21
                  CidrIp: 0.0.0.0/0
              NoProtocol:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  FromPort: 0
                  ToPort: 65535
                  CidrIp: 0.0.0.0/0
              PortFromSub:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt Empty.GroupId
                  IpProtocol: tcp
                  FromPort: !Ref LowPort
                  ToPort: 30
                  CidrIp: 0.0.0.0/0
            """;

    @Test
    void cdkBastionWithSshFromAnyIpv4Fails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "BastionSecurityGroup1F2E3D4C");
        assertTrue(f.message().contains("port 22 (SSH)") && f.message().contains("0.0.0.0/0"), f.message());
        assertEquals("NetworkStack/BastionSecurityGroup/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkAllTrafficFromIpv6AnywhereOpensBothAdminPorts() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "OpenSecurityGroup7A6B5C4D");
        assertTrue(f.message().contains("22") && f.message().contains("3389") && f.message().contains("::/0"), f.message());
    }

    @Test
    void cdkStandaloneIngressIsJudgedOnItsOwnResource() {
        String t = NetworkStack.json();
        Finding f = assertStatus(Status.FAIL, rule, t, "OpenSecurityGroupfromanyipv4RDP3C2B1A09");
        assertTrue(f.message().contains("3389 (RDP)"), f.message());
        assertTrue(assertStatus(Status.PASS, rule, t, "AppSecurityGroupfromNetworkStackLBSecurityGroup5B2E8B1C8080C6A3D2F1")
                .message().contains("security group"));
        // the VPC CIDR (Fn::GetAtt Vpc.CidrBlock) is not anywhere
        assertStatus(Status.PASS, rule, t, "AppSecurityGroupfromVpcCidr5432B1C2D3E4");
        // the group itself has no inline ingress: its standalone rules carry the findings
        assertTrue(assertStatus(Status.PASS, rule, t, "AppSecurityGroup9E2F1A2B").message().contains("standalone"));
    }

    @Test
    void cdkLoadBalancerGroupOnWebPortsPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "LBSecurityGroup8A41EA2B");
        assertTrue(f.message().contains("tcp 443"), f.message());
    }

    @Test
    void yamlPortsAsStringsRangesAndProtocolNumbersAreRead() {
        assertStatus(Status.FAIL, rule, YAML, "StringPorts");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "RangeWith3389").message().contains("tcp 3000-4000"));
        assertStatus(Status.FAIL, rule, YAML, "AllProtocols");
        assertStatus(Status.FAIL, rule, YAML, "UdpRdp");
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "StandaloneSsh").message().contains("0000::/0"));
    }

    @Test
    void yamlRestrictedSourcesAndOtherPortsPass() {
        assertStatus(Status.PASS, rule, YAML, "WebOnly");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "SshFromOffice").message().contains("203.0.113.0/24"));
        assertStatus(Status.PASS, rule, YAML, "StandaloneFromGroup");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "PrefixList").message().contains("prefix list"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Empty").message().contains("no inline ingress"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Inverted").message().contains("inverted"));
    }

    @Test
    void unknownSourceOrProtocolIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "SshFromParam");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("Ref AdminCidr"), f.message());
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "NoProtocol").message().contains("IpProtocol"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "PortFromSub").message().contains("FromPort"));
        // an unknown source on port 443 cannot reach an admin port
        assertStatus(Status.PASS, rule, YAML, "HttpsFromParam");
    }

    @Test
    void fnIfBranchOpenToAnywhereFailsNamingTheCondition() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("IsOpen is true"), f.message());
    }

    @Test
    void egressAndNaclsAreNotJudgedHere() {
        List<Finding> all = RuleTester.run(rule, NetworkStack.json());
        assertTrue(all.stream().allMatch(x -> x.resource().type().startsWith("AWS::EC2::SecurityGroup")), all.toString());
    }

    /** cfn_nag's ip6_security_groups_open_to_world.yml: ::/0 spelled out in several ways is anywhere. */
    @Test
    void upstreamIpv6AnywhereSpelledOutIsAnywhere() {
        String t = RuleTester.conformanceTemplate("templates/cfn_nag/yaml/security_group/ip6_security_groups_open_to_world.yml");
        for (String id : List.of("InstanceSecurityGroup", "InstanceSecurityGroup2", "InstanceSecurityGroup3")) {
            assertStatus(Status.FAIL, rule, t, id);
        }
        // 2001:800::/21 is a narrower range
        assertStatus(Status.PASS, rule, t, "InstanceSecurityGroup4");
    }
}
