package dev.cxscan.checks.rules.vpc;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class VpcFlowLogsEnabledTest {
    private final VpcFlowLogsEnabled rule = new VpcFlowLogsEnabled();

    private static final String YAML = """
            Parameters:
              Target:
                Type: String
            Resources:
              Logged:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              LoggedByList:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.1.0.0/16
              SubnetOnly:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.2.0.0/16
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref SubnetOnly
                  CidrBlock: 10.2.0.0/24
                  AvailabilityZone: eu-west-1a
              VpcLog:
                Type: AWS::EC2::FlowLog
                Properties:
                  ResourceType: VPC
                  ResourceId: !Ref Logged
                  TrafficType: REJECT
                  LogDestinationType: s3
                  LogDestination: !Sub arn:${AWS::Partition}:s3:::flow-logs-bucket
              ListLog:
                Type: AWS::EC2::FlowLog
                Properties:
                  ResourceType: VPC
                  ResourceIds: [!Ref LoggedByList]
                  TrafficType: ALL
              SubnetLog:
                Type: AWS::EC2::FlowLog
                Properties:
                  ResourceType: Subnet
                  ResourceId: !Ref Subnet
                  TrafficType: ALL
            """;

    private static final String WITH_UNKNOWN_TARGET = """
            Parameters:
              Target:
                Type: String
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              Log:
                Type: AWS::EC2::FlowLog
                Properties:
                  ResourceType: VPC
                  ResourceId: !Ref Target
                  TrafficType: ALL
            """;

    @Test
    void cdkVpcWithAddFlowLogPasses() {
        Finding f = assertStatus(Status.PASS, rule, NetworkStack.json(), "Vpc8378EB38");
        assertTrue(f.message().contains("VpcFlowLog8FF33A73") && f.message().contains("ALL"), f.message());
    }

    @Test
    void cdkVpcWithoutFlowLogFails() {
        assertTrue(assertStatus(Status.FAIL, rule, NetworkStack.json(), "SingleAzVpcB2F3E1C9").message().contains("no AWS::EC2::FlowLog"));
    }

    @Test
    void yamlResourceIdAndResourceIdsBothCount() {
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Logged").message().contains("REJECT"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "LoggedByList").message().contains("ListLog"));
    }

    @Test
    void aSubnetFlowLogDoesNotCoverTheVpc() {
        assertStatus(Status.FAIL, rule, YAML, "SubnetOnly");
    }

    @Test
    void flowLogWithUnresolvableTargetIsNeverAPass() {
        Finding f = assertStatus(Status.FAIL, rule, WITH_UNKNOWN_TARGET, "Vpc");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("Ref Target"), f.message());
    }
}
