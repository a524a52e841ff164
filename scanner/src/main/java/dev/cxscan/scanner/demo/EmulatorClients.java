package dev.cxscan.scanner.demo;

import dev.cxscan.scanner.live.AwsClients;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * SDK clients that WRITE to an emulator (moto_server, LocalStack): the seeder's, and test set-up's. One per (client
 * type, region), all at one endpoint, fake static credentials, path-style S3. No read-only guard: never point
 * these at AWS (scans use {@link dev.cxscan.scanner.live.AwsSession}, which is guarded).
 */
public final class EmulatorClients implements AwsClients, AutoCloseable {
    private final URI endpoint;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public EmulatorClients(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The client of {@code type} in us-east-1 (IAM and Budgets: the global region). */
    public <C extends SdkClient> C get(Class<C> type) {
        return client(type, type == IamClient.class || type == BudgetsClient.class ? Region.AWS_GLOBAL : Seeder.REGION);
    }

    @Override
    public <C extends SdkClient> C client(Class<C> type, Region region) {
        return type.cast(clients.computeIfAbsent(type.getName() + "@" + region.id(), k -> build(type, region)));
    }

    private SdkClient build(Class<?> type, Region region) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            ((AwsClientBuilder<?, ?>) builder).region(region).endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
            if (builder instanceof S3ClientBuilder s3) {
                s3.forcePathStyle(true);
            }
            return (SdkClient) builder.getClass().getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type, e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
