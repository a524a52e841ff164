package dev.cxscan.scanner.live;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * What a session's client of one service is built with, as one object: {@link AwsSession} builds its own clients
 * from it and hands it to clients built elsewhere (the Well-Architected Tool importer's), so those carry the same
 * read-only guard, call recorder, rate limit and metrics publisher without a growing argument list.
 *
 * @param credentials      the credentials to sign with, or null for the SDK's default chain
 * @param endpoint         endpoint override (emulators, --endpoint-url), or null for the service's own
 * @param interceptors     execution interceptors, in order (see {@link AwsSession#interceptors})
 * @param metricPublishers publishers of the SDK's per-call metrics (see {@link ApiCallMetrics#forService})
 */
public record ClientSettings(AwsCredentialsProvider credentials, URI endpoint, List<ExecutionInterceptor> interceptors,
                             List<MetricPublisher> metricPublishers) {
    /** Nothing set: default credentials, the service's endpoint, no interceptor, no publisher. */
    public static final ClientSettings NONE = new ClientSettings(null, null, List.of(), List.of());

    public ClientSettings {
        interceptors = interceptors == null ? List.of() : List.copyOf(interceptors);
        metricPublishers = metricPublishers == null ? List.of() : List.copyOf(metricPublishers);
    }

    /** The same settings signing with {@code other} (e.g. another account's profile). */
    public ClientSettings withCredentials(AwsCredentialsProvider other) {
        return new ClientSettings(other, endpoint, interceptors, metricPublishers);
    }

    /** The same settings calling {@code other}. */
    public ClientSettings withEndpoint(URI other) {
        return new ClientSettings(credentials, other, interceptors, metricPublishers);
    }
}
