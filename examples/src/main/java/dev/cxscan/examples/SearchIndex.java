package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.constructs.Construct;

/**
 * The retriever's search index: an OpenSearch Service domain in the isolated subnets holding the
 * document chunks with their embeddings (hybrid BM25 + k-NN search), across two AZs.
 * Non-compliant: no encryption at rest, plain-text traffic between nodes, HTTP allowed.
 */
public final class SearchIndex extends Construct {
    final Domain domain;

    public SearchIndex(Construct scope, String id, Posture posture, Network network, Encryption encryption) {
        super(scope, id);
        boolean ok = posture.compliant();
        domain = Domain.Builder.create(this, "Chunks")
                .version(EngineVersion.OPENSEARCH_2_19)
                .vpc(network.vpc)
                .vpcSubnets(List.of(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build()))
                .capacity(CapacityConfig.builder().dataNodes(2).dataNodeInstanceType("r7g.large.search")
                        .multiAzWithStandbyEnabled(false).build())
                .zoneAwareness(ZoneAwarenessConfig.builder().enabled(true).availabilityZoneCount(2).build())
                .ebs(EbsOptions.builder().volumeSize(100).volumeType(EbsDeviceVolumeType.GP3).build())
                .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(ok).kmsKey(ok ? encryption.key : null).build())
                .nodeToNodeEncryption(ok)
                .enforceHttps(ok)
                .tlsSecurityPolicy(ok ? TLSSecurityPolicy.TLS_1_2 : TLSSecurityPolicy.TLS_1_0)
                .removalPolicy(ok ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }
}
