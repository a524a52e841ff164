package dev.cxscan.scanner.probes;

import dev.cxscan.scanner.live.AwsClients;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** AwsClients for tests: every client points at one endpoint with fake static credentials (S3 path-style). */
public final class TestClients implements AwsClients, AutoCloseable {
    private final URI endpoint;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    public TestClients(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    @Override
    public <C extends SdkClient> C client(Class<C> type, Region region) {
        return type.cast(clients.computeIfAbsent(type.getName() + "@" + region.id(), k -> build(type, region)));
    }

    private SdkClient build(Class<?> type, Region region) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            AwsClientBuilder<?, ?> b = (AwsClientBuilder<?, ?>) builder;
            b.region(region).endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
            if (type == S3Client.class) {
                ((software.amazon.awssdk.services.s3.S3ClientBuilder) builder).forcePathStyle(true);
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
