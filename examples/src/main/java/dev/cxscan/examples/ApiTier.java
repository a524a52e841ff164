package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddNetworkTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The chat API: an internet-facing ALB in front of an Auto Scaling group of API servers that call
 * Amazon Bedrock. Non-compliant: plain HTTP, HTTPS with a TLS 1.1 policy, SSH open to the world,
 * unencrypted volumes, no access logs, and a single-AZ network load balancer and group in the legacy VPC.
 */
public final class ApiTier extends Construct {
    final ApplicationLoadBalancer alb;
    final AutoScalingGroup servers;

    public ApiTier(Construct scope, String id, Posture posture, Network network, AuditTrail audit) {
        super(scope, id);
        boolean ok = posture.compliant();
        Vpc vpc = network.vpc;

        SecurityGroup albSg = SecurityGroup.Builder.create(this, "AlbSecurityGroup").vpc(vpc)
                .description("Chat API load balancer").allowAllOutbound(false).build();
        albSg.addIngressRule(Peer.anyIpv4(), Port.tcp(ok ? 443 : 80), ok ? "HTTPS from the internet" : "HTTP from the internet");
        if (ok) {
            albSg.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP, redirected to HTTPS");
        }
        alb = ApplicationLoadBalancer.Builder.create(this, "Alb").vpc(vpc).internetFacing(true).securityGroup(albSg).build();
        if (ok) {
            alb.logAccessLogs(audit.accessLogs, "alb");
        }

        Role serverRole = Role.Builder.create(this, "ServerRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com")).build();
        serverRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"))
                .resources(List.of("arn:aws:bedrock:" + GenAiApp.REGION + "::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"))
                .build());
        SecurityGroup serverSg = SecurityGroup.Builder.create(this, "ServerSecurityGroup").vpc(vpc)
                .description("Chat API servers").build();
        if (!ok) {
            serverSg.addIngressRule(Peer.anyIpv4(), Port.tcp(22), "SSH for debugging");
            serverSg.addIngressRule(Peer.anyIpv4(), Port.allTraffic(), "temporary: everything");
        }
        LaunchTemplate template = LaunchTemplate.Builder.create(this, "ServerTemplate")
                .instanceType(InstanceType.of(InstanceClass.M7G, InstanceSize.LARGE))
                .machineImage(MachineImage.latestAmazonLinux2023())
                .securityGroup(serverSg)
                .role(serverRole)
                .requireImdsv2(true)
                .blockDevices(List.of(BlockDevice.builder().deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(30, EbsDeviceOptions.builder().encrypted(ok).build())).build()))
                .build();
        servers = AutoScalingGroup.Builder.create(this, "Servers").vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .launchTemplate(template)
                .minCapacity(2).maxCapacity(6)
                .build();

        if (ok) {
            alb.addListener("Https", BaseApplicationListenerProps.builder()
                    .port(443).protocol(ApplicationProtocol.HTTPS).open(false)
                    .certificates(List.of(ListenerCertificate.fromArn(
                            "arn:aws:acm:" + GenAiApp.REGION + ":" + GenAiApp.ACCOUNT + ":certificate/11111111-2222-3333-4444-555555555555")))
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .build())
                    .addTargets("Servers", AddApplicationTargetsProps.builder()
                            .port(8080).protocol(ApplicationProtocol.HTTP).targets(List.of(servers))
                            .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                                    .path("/health").interval(Duration.seconds(30)).build())
                            .build());
            alb.addRedirect();
        } else {
            alb.addListener("Http", BaseApplicationListenerProps.builder()
                    .port(80).protocol(ApplicationProtocol.HTTP).open(false).build())
                    .addTargets("Servers", AddApplicationTargetsProps.builder()
                            .port(8080).protocol(ApplicationProtocol.HTTP).targets(List.of(servers)).build());
            // HTTPS as well, but with a policy that still accepts TLS 1.0/1.1 "for old mobile clients"
            alb.addListener("Https", BaseApplicationListenerProps.builder()
                    .port(443).protocol(ApplicationProtocol.HTTPS).open(false)
                    .certificates(List.of(ListenerCertificate.fromArn(
                            "arn:aws:acm:" + GenAiApp.REGION + ":" + GenAiApp.ACCOUNT + ":certificate/11111111-2222-3333-4444-555555555555")))
                    .sslPolicy(SslPolicy.TLS11)
                    .build())
                    .addTargets("ServersTls", AddApplicationTargetsProps.builder()
                            .port(8080).protocol(ApplicationProtocol.HTTP).targets(List.of(servers)).build());

            Vpc legacy = network.legacyVpc;
            NetworkLoadBalancer nlb = NetworkLoadBalancer.Builder.create(this, "LegacyNlb").vpc(legacy).internetFacing(true)
                    .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build()).build();
            SecurityGroup legacySg = SecurityGroup.Builder.create(this, "LegacySecurityGroup").vpc(legacy)
                    .description("Legacy batch workers").build();
            LaunchTemplate legacyTemplate = LaunchTemplate.Builder.create(this, "LegacyTemplate")
                    .instanceType(InstanceType.of(InstanceClass.T3, InstanceSize.MEDIUM))
                    .machineImage(MachineImage.latestAmazonLinux2023())
                    .securityGroup(legacySg)
                    .requireImdsv2(true)
                    .build();
            AutoScalingGroup legacyWorkers = AutoScalingGroup.Builder.create(this, "LegacyWorkers").vpc(legacy)
                    .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                    .launchTemplate(legacyTemplate).minCapacity(1).maxCapacity(2).build();
            nlb.addListener("Tcp", BaseNetworkListenerProps.builder().port(9000).build())
                    .addTargets("Workers", AddNetworkTargetsProps.builder().port(9000).targets(List.of(legacyWorkers)).build());
        }
    }
}
