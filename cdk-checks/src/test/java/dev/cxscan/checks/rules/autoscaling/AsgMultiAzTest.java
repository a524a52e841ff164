package dev.cxscan.checks.rules.autoscaling;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsgMultiAzTest {
    private final AsgMultiAz rule = new AsgMultiAz();

    private static final String YAML = """
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              DefaultSubnets:
                Type: List<AWS::EC2::Subnet::Id>
                Default: subnet-0aaa,subnet-0bbb
            Resources:
              SubnetA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-0123, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-central-1a}
              SubnetB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-0123, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-central-1b}
              InTwoSubnets:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "2"
                  MaxSize: "4"
                  VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]
              ZonesListed:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones: [eu-central-1a, eu-central-1b]
              OneZone:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones: [eu-central-1a]
              AllZones:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones: !GetAZs ""
              FromParameter:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  VPCZoneIdentifier: !Ref Subnets
              FromDefaultIds:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  VPCZoneIdentifier: !Ref DefaultSubnets
              OneDeclaredOneUnknown:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  VPCZoneIdentifier: [!Ref SubnetA, subnet-0ccc]
              Nothing:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
            """;

    @Test
    void cdkGroupInTwoPrivateSubnetsPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "WebAsgASG4D014670");
        assertTrue(f.message().contains("2 AZs"), f.message());
    }

    @Test
    void cdkGroupInASingleAzVpcFails() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "WorkerAsgASG7E6D5C4B");
        assertTrue(f.message().contains("only one AZ"), f.message());
    }

    @Test
    void yamlSubnetsAndZoneLists() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "InTwoSubnets").message().contains("eu-central-1b"));
        assertStatus(Status.PASS, rule, YAML, "ZonesListed");
        assertStatus(Status.FAIL, rule, YAML, "OneZone");
        assertTrue(assertStatus(Status.PASS, rule, YAML, "AllZones").message().contains("Fn::GetAZs"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Nothing").message().contains("neither"));
    }

    @Test
    void subnetsNotDeclaredInTheTemplateAreUnresolved() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Subnets"));
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromDefaultIds");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("subnet-0aaa"), f.message());
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "OneDeclaredOneUnknown").message().contains("subnet-0ccc"));
    }
}
