package dev.cxscan.scanner.live;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * A live session with one account: the credentials (default chain, profile, or an assumed role
 * whose credentials refresh during long scans), one shared Apache HTTP client, and one SDK client
 * per (client type, region), each built by reflection on the client's static {@code builder()} and
 * carrying the {@link ReadOnlyGuard}, the session's {@link ApiCallRecorder}, its {@link RateLimits} (with
 * {@code --max-rps}) and its {@link ApiCallMetrics} publisher (together, its {@link ClientSettings}, which clients
 * built outside the session get through {@link #clientSettings}). Every client retries in the SDK's adaptive mode,
 * which also slows a client down on its own once the service throttles it.
 */
public final class AwsSession implements AwsClients, AutoCloseable {
    /** The account and principal the session runs as (sts GetCallerIdentity). */
    public record Identity(String account, String arn) {
    }

    private record Key(Class<?> type, Region region) {
    }

    private final SessionConfig config;
    private final Region home;
    private final SdkHttpClient http;
    private final ApiCallRecorder recorder = new ApiCallRecorder();
    private final ApiCallMetrics metrics = new ApiCallMetrics();
    private final RateLimits rateLimits;
    private final Map<Key, SdkClient> clients = new ConcurrentHashMap<>();
    private final AwsCredentialsProvider credentials;
    private final AwsCredentialsProvider base;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * @param config how to reach the account
     * @param home   the home region: where STS, IAM and the other global services are called
     */
    public AwsSession(SessionConfig config, Region home) {
        this.config = config;
        this.home = home;
        this.rateLimits = config.maxRps() > 0 ? new RateLimits(config.maxRps(), config.attemptTimeout()) : null;
        this.http = ApacheHttpClient.builder()
                .maxConnections(config.maxConnections())
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.attemptTimeout())
                .connectionAcquisitionTimeout(config.callTimeout())
                .build();
        AwsCredentialsProvider base = config.baseCredentials();
        if (base == null) {
            base = config.profile() != null
                    ? ProfileCredentialsProvider.builder().profileName(config.profile()).build()
                    : DefaultCredentialsProvider.builder().build();
        }
        this.base = base;
        if (config.roleArn() != null) {
            StsClient sts = build(StsClient.class, home, base);
            closeables.add(sts);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .prefetchTime(config.refreshBefore())
                    .staleTime(config.refreshBefore().dividedBy(5))
                    .refreshRequest(r -> {
                        r.roleArn(config.roleArn()).roleSessionName(config.sessionName())
                                .durationSeconds((int) config.duration().toSeconds());
                        if (config.externalId() != null) {
                            r.externalId(config.externalId());
                        }
                    })
                    .build();
            closeables.add(assumed);
            this.credentials = assumed;
        } else {
            this.credentials = base;
        }
    }

    /**
     * The home region: the profile's region (or the environment's, through the SDK's region chain);
     * when none is configured, us-east-1 and a warning to {@code warn}.
     */
    public static Region homeRegion(String profile, Consumer<String> warn) {
        try {
            DefaultAwsRegionProviderChain.Builder b = DefaultAwsRegionProviderChain.builder();
            if (profile != null) {
                b.profileName(profile);
            }
            return b.build().getRegion();
        } catch (SdkException e) {
            warn.accept("no region configured (--regions, AWS_REGION or the profile's region): using us-east-1");
            return Region.US_EAST_1;
        }
    }

    public SessionConfig config() {
        return config;
    }

    public Region home() {
        return home;
    }

    public ApiCallRecorder recorder() {
        return recorder;
    }

    /** Calls, retries and throttles per service, from the SDK's metrics. */
    public ApiCallMetrics metrics() {
        return metrics;
    }

    /** The credentials every client of the session signs with (the assumed role's when --role-arn is given). */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /**
     * What every client of {@code service} (its SERVICE_NAME) in {@code region} is built with: the session's
     * credentials, the endpoint override if any, its {@link #interceptors} and its {@link ApiCallMetrics} publisher.
     * For clients built outside the session too, such as the Well-Architected Tool importer's, so that their calls
     * are guarded, counted, rate-limited and in the per-service figures like the probes'.
     */
    public ClientSettings clientSettings(String service, Region region) {
        return settings(service, region, credentials);
    }

    private ClientSettings settings(String service, Region region, AwsCredentialsProvider creds) {
        return new ClientSettings(creds, config.endpointFor(service, region.id()).orElse(null), interceptors(service),
                List.of(metrics.forService(service)));
    }

    /**
     * The interceptors every client of {@code service} (its SERVICE_NAME) carries: the {@link ReadOnlyGuard}, then
     * the session's {@link ApiCallRecorder}, then (with a rate cap) the service's {@link RateLimits} permit.
     */
    public List<ExecutionInterceptor> interceptors(String service) {
        List<ExecutionInterceptor> out = new ArrayList<>(List.of(new ReadOnlyGuard(service), recorder.forService(service)));
        if (rateLimits != null) {
            out.add(rateLimits.forService(service));
        }
        return List.copyOf(out);
    }

    @Override
    public <C extends SdkClient> C client(Class<C> type, Region region) {
        return type.cast(clients.computeIfAbsent(new Key(type, region), k -> build(type, region, credentials)));
    }

    /** The client's SERVICE_NAME constant (its endpoint prefix), e.g. "ec2", "monitoring". */
    public static String serviceName(Class<?> type) {
        try {
            return (String) type.getField("SERVICE_NAME").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " is not an AWS SDK v2 client interface", e);
        }
    }

    private <C extends SdkClient> C build(Class<C> type, Region region, AwsCredentialsProvider creds) {
        String service = serviceName(type);
        try {
            Method factory = type.getMethod("builder");
            Object builder = factory.invoke(null);
            if (!(builder instanceof AwsClientBuilder<?, ?> aws)) {
                throw new IllegalArgumentException(type.getName() + ".builder() is not an AWS client builder");
            }
            ClientSettings settings = settings(service, region, creds);
            aws.credentialsProvider(settings.credentials()).region(region);
            Optional<URI> endpoint = Optional.ofNullable(settings.endpoint());
            endpoint.ifPresent(aws::endpointOverride);
            aws.overrideConfiguration(ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(config.attemptTimeout())
                    .apiCallTimeout(config.callTimeout())
                    .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                            .maxAttempts(config.maxAttempts()).build())
                    .executionInterceptors(settings.interceptors())
                    .metricPublishers(settings.metricPublishers())
                    .build());
            if (!(builder instanceof SdkSyncClientBuilder<?, ?> sync)) {
                throw new IllegalArgumentException(type.getName() + " is not a synchronous client");
            }
            sync.httpClient(http);
            if (endpoint.isPresent()) {
                try {
                    // S3 behind an emulator: path-style addressing (no bucket.host DNS); looked up on the
                    // public builder interface the factory declares
                    factory.getReturnType().getMethod("forcePathStyle", Boolean.class).invoke(builder, Boolean.TRUE);
                } catch (NoSuchMethodException notS3) {
                    // other services have no addressing style
                }
            }
            return type.cast(aws.build());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot build the " + service + " client: " + cause, cause);
        }
    }

    /**
     * Resolves the credentials the session starts from (before --role-arn assumes anything), so that missing ones
     * are told in one line rather than the SDK's account of every provider it tried.
     *
     * @throws NoCredentialsException when the default chain or the profile yields none
     */
    public void checkCredentials() {
        try {
            base.resolveCredentials();
        } catch (SdkException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (config.baseCredentials() == null && config.profile() == null
                    && m.startsWith("Unable to load credentials from any of the providers")) {
                String envProfile = System.getenv("AWS_PROFILE");
                throw new NoCredentialsException("no AWS credentials found"
                        + (envProfile == null || envProfile.isBlank() ? "" : " (AWS_PROFILE=" + envProfile + " gives none)")
                        + ": give --profile NAME or set AWS_PROFILE (SSO profile: run aws sso login first), or set "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an emulator accepts any); --role-arn needs "
                        + "these too", e);
            }
            if (config.baseCredentials() == null && config.profile() != null) {
                // the SDK appends the whole parsed profile file to "no credentials for profile": keep its first part
                int cut = m.indexOf(": ProfileFile(");
                String why = cut > 0 ? m.substring(0, cut) : m.length() > 200 ? m.substring(0, 200) + "..." : m;
                throw new NoCredentialsException("no AWS credentials from profile " + config.profile() + ": "
                        + why.replace('\n', ' ') + " (aws configure list-profiles shows the profiles; for an SSO "
                        + "profile run aws sso login --profile " + config.profile() + ")", e);
            }
            throw e;
        }
    }

    /** sts GetCallerIdentity: the account and principal the scan runs as. */
    public Identity identity() {
        GetCallerIdentityResponse r = client(StsClient.class, home).getCallerIdentity();
        return new Identity(r.account(), r.arn());
    }

    /** The regions enabled for the account (ec2 DescribeRegions; opt-in regions only when opted in). */
    public List<String> enabledRegions() {
        DescribeRegionsResponse r = client(Ec2Client.class, home).describeRegions(b -> b.allRegions(false));
        return r.regions().stream()
                .filter(x -> x.optInStatus() == null || !x.optInStatus().equals("not-opted-in"))
                .map(x -> x.regionName())
                .sorted()
                .toList();
    }

    /**
     * Whether {@code region} answers (ec2 DescribeRegions there, within the session's timeouts):
     * empty when it does, else why not. An access error means the region answers (the probes report
     * their own permission errors); unreachable endpoints and regions not enabled do not.
     */
    public Optional<String> unreachable(Region region) {
        try {
            client(Ec2Client.class, region).describeRegions(b -> b.regionNames(region.id()));
            return Optional.empty();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && (code.equals("OptInRequired") || code.equals("AuthFailure")
                    || code.equals("InvalidClientTokenId") || code.equals("UnrecognizedClientException"))) {
                return Optional.of("not enabled for this account (" + code + ")");
            }
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.of("cannot be reached (" + describe(e) + ")");
        }
    }

    /** The exception's message with its root cause's, for one-line reports. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
            m += ": " + root.getMessage();
        }
        return m;
    }

    @Override
    public void close() {
        for (SdkClient c : clients.values()) {
            c.close();
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
        http.close();
    }
}
