package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.AclCidr;
import software.amazon.awscdk.services.ec2.AclTraffic;
import software.amazon.awscdk.services.ec2.CommonNetworkAclEntryOptions;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.TrafficDirection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC across two AZs with public, application and isolated data subnets. Non-compliant: no
 * flow logs, the default security group left open, a NACL admitting RDP from anywhere, and a
 * single-AZ "legacy" VPC.
 */
public final class Network extends Construct {
    final Vpc vpc;
    final Vpc legacyVpc;

    public Network(Construct scope, String id, Posture posture, Encryption encryption) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(1)
                .restrictDefaultSecurityGroup(posture.compliant())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        NetworkAcl publicAcl = NetworkAcl.Builder.create(this, "PublicAcl").vpc(vpc)
                .subnetSelection(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build()).build();
        publicAcl.addEntry("AllowHttpsIn", CommonNetworkAclEntryOptions.builder()
                .cidr(AclCidr.anyIpv4()).ruleNumber(100).traffic(AclTraffic.tcpPort(443))
                .direction(TrafficDirection.INGRESS).build());
        if (posture.compliant()) {
            LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs").retention(RetentionDays.ONE_YEAR)
                    .encryptionKey(encryption.key).removalPolicy(RemovalPolicy.RETAIN).build();
            vpc.addFlowLog("FlowLog", FlowLogOptions.builder().destination(FlowLogDestination.toCloudWatchLogs(flowLogs)).build());
            legacyVpc = null;
        } else {
            publicAcl.addEntry("AllowRdpIn", CommonNetworkAclEntryOptions.builder()
                    .cidr(AclCidr.anyIpv4()).ruleNumber(110).traffic(AclTraffic.tcpPort(3389))
                    .direction(TrafficDirection.INGRESS).build());
            legacyVpc = Vpc.Builder.create(this, "LegacyVpc")
                    .maxAzs(1)
                    .natGateways(0)
                    .restrictDefaultSecurityGroup(false)
                    .subnetConfiguration(List.of(
                            SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build()))
                    .build();
        }
    }
}
