package dev.cxscan.checks.rules.elb;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElbMultiAzTest {
    private final ElbMultiAz rule = new ElbMultiAz();

    private static final String YAML = """
            Parameters:
              PublicSubnets:
                Type: List<AWS::EC2::Subnet::Id>
              UseSecond:
                Type: String
            Conditions:
              HasSecond: !Equals [!Ref UseSecond, "true"]
            Resources:
              SubnetA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-0123, CidrBlock: 10.0.0.0/24, AvailabilityZone: ap-southeast-2a}
              SubnetB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-0123, CidrBlock: 10.0.1.0/24, AvailabilityZone: ap-southeast-2b}
              Mapped:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Type: network
                  SubnetMappings:
                    - SubnetId: !Ref SubnetA
                      AllocationId: eipalloc-0123
                    - SubnetId: !Ref SubnetB
              Conditional:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [!Ref SubnetA, !If [HasSecond, !Ref SubnetB, !Ref "AWS::NoValue"]]
              FromParameter:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Ref PublicSubnets
              ClassicZones:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AvailabilityZones: !GetAZs ""
                  Listeners: [{LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP}]
              ClassicOneSubnet:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  Subnets: [!Ref SubnetB]
                  Listeners: [{LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP}]
              ClassicTwoSelects:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AvailabilityZones: [!Select [0, !GetAZs ""], !Select [1, !GetAZs ""]]
                  Listeners: [{LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP}]
            """;

    @Test
    void cdkAlbInTwoPublicSubnetsPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "LB8A12904C");
        assertTrue(f.message().contains("2 AZs"), f.message());
        assertEquals("NetworkStack/LB/Resource", f.resource().cdkPath());
    }

    @Test
    void cdkNlbWithOneSubnetMappingFails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "NlbSingleAz4F1D2C3B");
        assertTrue(f.message().contains("only one AZ"), f.message());
    }

    @Test
    void yamlSubnetMappingsAndClassicLoadBalancers() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Mapped").message().contains("ap-southeast-2b"));
        assertStatus(Status.PASS, rule, YAML, "ClassicZones");
        assertStatus(Status.FAIL, rule, YAML, "ClassicOneSubnet");
        assertStatus(Status.PASS, rule, YAML, "ClassicTwoSelects");
    }

    @Test
    void fnIfBranchWithOneSubnetFails() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "Conditional");
        assertTrue(f.message().contains("HasSecond is false"), f.message());
    }

    @Test
    void subnetsFromParameterWithoutDefaultAreUnresolved() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref PublicSubnets"));
    }
}
