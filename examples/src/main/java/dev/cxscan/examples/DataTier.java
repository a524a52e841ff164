package dev.cxscan.examples;

import java.util.List;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.BlockPublicAccessOptions;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where the customer's data lives: the document bucket, the embeddings database (Aurora
 * PostgreSQL with pgvector, its credentials in Secrets Manager), the conversation table and
 * stream, the ingestion queue, a model cache file system and a response cache. Non-compliant:
 * unencrypted, single-AZ, short backups, deletable.
 */
public final class DataTier extends Construct {
    final Bucket documents;
    final Table conversations;
    final DatabaseCluster embeddingsCluster;
    final FileSystem modelCache;
    final DatabaseInstance embeddingsInstance;
    final Queue ingestQueue;
    final Topic ingestEvents;
    final Stream conversationEvents;

    public DataTier(Construct scope, String id, Posture posture, Network network, Encryption encryption,
                    AuditTrail audit, ApiTier api) {
        super(scope, id);
        boolean ok = posture.compliant();
        SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        RemovalPolicy keep = ok ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        documents = Bucket.Builder.create(this, "Documents")
                .encryption(ok ? BucketEncryption.KMS : BucketEncryption.S3_MANAGED)
                .encryptionKey(ok ? encryption.key : null)
                .enforceSsl(ok)
                .blockPublicAccess(ok ? BlockPublicAccess.BLOCK_ALL : new BlockPublicAccess(BlockPublicAccessOptions.builder()
                        .blockPublicAcls(true).blockPublicPolicy(false).ignorePublicAcls(true).restrictPublicBuckets(false).build()))
                .versioned(ok)
                .serverAccessLogsBucket(audit.accessLogs)
                .serverAccessLogsPrefix("documents/")
                .removalPolicy(keep)
                .build();
        if (!ok) {
            // An escape hatch that leaves the algorithm to a deploy-time parameter without default:
            // the template no longer shows that the documents are encrypted, so s3_bucket_encrypted
            // FAILs as unresolved (S3 encrypts by default, so only such a template can fail it).
            CfnParameter algorithm = CfnParameter.Builder.create(this, "DocumentsSseAlgorithm")
                    .type("String").allowedValues(List.of("AES256", "aws:kms"))
                    .description("Default encryption of the document bucket").build();
            ((CfnBucket) documents.getNode().getDefaultChild()).addPropertyOverride(
                    "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm",
                    algorithm.getValueAsString());
        }

        conversations = Table.Builder.create(this, "Conversations")
                .partitionKey(Attribute.builder().name("sessionId").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("turn").type(AttributeType.NUMBER).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(ok ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.DEFAULT)
                .encryptionKey(ok ? encryption.key : null)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(ok).build())
                .removalPolicy(keep)
                .build();

        InstanceType dbType = InstanceType.of(InstanceClass.R7G, InstanceSize.LARGE);
        if (ok) {
            embeddingsCluster = DatabaseCluster.Builder.create(this, "Embeddings")
                    .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                            .version(AuroraPostgresEngineVersion.of("16.4", "16")).build()))
                    .writer(ClusterInstance.provisioned("Writer", ProvisionedClusterInstanceProps.builder().instanceType(dbType).build()))
                    .readers(List.of(ClusterInstance.provisioned("Reader", ProvisionedClusterInstanceProps.builder().instanceType(dbType).build())))
                    .vpc(network.vpc).vpcSubnets(isolated)
                    .credentials(Credentials.fromGeneratedSecret("postgres",
                            CredentialsBaseOptions.builder().encryptionKey(encryption.key).build()))
                    .storageEncrypted(true).storageEncryptionKey(encryption.key)
                    .backup(BackupProps.builder().retention(Duration.days(14)).build())
                    .deletionProtection(true)
                    .removalPolicy(RemovalPolicy.SNAPSHOT)
                    .build();
            embeddingsInstance = null;
        } else {
            embeddingsInstance = DatabaseInstance.Builder.create(this, "Embeddings")
                    .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                            .version(PostgresEngineVersion.of("16.4", "16")).build()))
                    .instanceType(dbType)
                    .vpc(network.vpc).vpcSubnets(isolated)
                    .multiAz(false)
                    .storageEncrypted(false)
                    .backupRetention(Duration.days(1))
                    .deletionProtection(false)
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            embeddingsCluster = null;
        }

        ingestQueue = Queue.Builder.create(this, "IngestQueue")
                .encryption(ok ? QueueEncryption.KMS : QueueEncryption.UNENCRYPTED)
                .encryptionMasterKey(ok ? encryption.key : null)
                .enforceSsl(ok)
                .build();
        ingestEvents = Topic.Builder.create(this, "IngestEvents")
                .masterKey(ok ? encryption.key : null)
                .build();
        // every chat turn (question, retrieved chunks, answer, feedback) for the evaluation pipeline
        conversationEvents = Stream.Builder.create(this, "ConversationEvents")
                .streamMode(StreamMode.ON_DEMAND)
                .retentionPeriod(Duration.days(7))
                .encryption(ok ? StreamEncryption.KMS : StreamEncryption.UNENCRYPTED)
                .encryptionKey(ok ? encryption.key : null)
                .build();

        modelCache = FileSystem.Builder.create(this, "ModelCache").vpc(network.vpc)
                .vpcSubnets(isolated)
                .encrypted(ok)
                .kmsKey(ok ? encryption.key : null)
                .removalPolicy(keep)
                .build();

        CfnSubnetGroup cacheSubnets = CfnSubnetGroup.Builder.create(this, "CacheSubnets")
                .description("Response cache subnets")
                .subnetIds(network.vpc.selectSubnets(isolated).getSubnetIds())
                .build();
        CfnReplicationGroup.Builder.create(this, "ResponseCache")
                .replicationGroupDescription("Cache of model responses")
                .engine("valkey")
                .cacheNodeType("cache.r7g.large")
                .numCacheClusters(ok ? 2 : 1)
                .multiAzEnabled(ok)
                .automaticFailoverEnabled(ok)
                .atRestEncryptionEnabled(ok)
                .transitEncryptionEnabled(ok)
                .kmsKeyId(ok ? encryption.key.getKeyArn() : null)
                .cacheSubnetGroupName(cacheSubnets.getRef())
                .build();
    }
}
