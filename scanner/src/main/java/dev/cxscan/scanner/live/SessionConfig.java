package dev.cxscan.scanner.live;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach one account: credentials (default chain, profile, or an assumed role), endpoints
 * and the network limits that keep an unreachable region from hanging a scan.
 *
 * @param profile            a named profile of ~/.aws/config, or null for the default chain
 * @param baseCredentials    explicit credentials (tests), or null for the profile / default chain
 * @param roleArn            a role to assume with the base credentials, or null
 * @param externalId         sts:ExternalId for the assume-role call, or null
 * @param sessionName        role session name
 * @param duration           assumed-role session duration (credentials refresh before they expire)
 * @param endpoint           one endpoint for every client (an emulator), or null for AWS's endpoints
 * @param endpointOverrides  per-service, per-region or per "service@region" endpoints (keys such as
 *                           "cloudtrail", "account", "eu-west-3" or "ec2@eu-west-3"); they win over
 *                           {@code endpoint}. Tests route APIs the emulator lacks to a loopback server.
 * @param connectTimeout     TCP connect timeout
 * @param attemptTimeout     timeout of one HTTP attempt
 * @param callTimeout        timeout of one API call, all retries included
 * @param maxAttempts        attempts per call (adaptive retry mode)
 * @param maxConnections     size of the shared HTTP connection pool
 * @param maxRps             API calls per second per service ({@link RateLimits}), or 0 for no cap
 * @param refreshBefore      assumed-role credentials are refreshed this long before they expire, by one caller
 *                           while the others go on with the current ones; in the last fifth of it every caller
 *                           waits for the refresh (the SDK's prefetch and stale times: 5 min and 1 min by default)
 */
public record SessionConfig(String profile, AwsCredentialsProvider baseCredentials, String roleArn, String externalId,
                            String sessionName, Duration duration, URI endpoint, Map<String, URI> endpointOverrides,
                            Duration connectTimeout, Duration attemptTimeout, Duration callTimeout, int maxAttempts,
                            int maxConnections, int maxRps, Duration refreshBefore) {
    public static final String DEFAULT_SESSION_NAME = "cxscan";
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    public static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofMinutes(5);

    public SessionConfig {
        endpointOverrides = Map.copyOf(endpointOverrides);
        sessionName = sessionName == null || sessionName.isBlank() ? DEFAULT_SESSION_NAME : sessionName;
        duration = duration == null ? Duration.ofHours(1) : duration;
        refreshBefore = refreshBefore == null ? DEFAULT_REFRESH_BEFORE : refreshBefore;
        if (maxRps < 0) {
            throw new IllegalArgumentException("maxRps must be 0 (no cap) or more: " + maxRps);
        }
    }

    /** Defaults: the default credential chain, AWS's endpoints, 5 s connect, 30 s per attempt, 4 attempts, no rate cap. */
    public static SessionConfig defaults() {
        return new SessionConfig(null, null, null, null, DEFAULT_SESSION_NAME, Duration.ofHours(1), null, Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(3), 4, DEFAULT_MAX_CONNECTIONS, 0,
                DEFAULT_REFRESH_BEFORE);
    }

    public SessionConfig withProfile(String p) {
        return new SessionConfig(p, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withCredentials(AwsCredentialsProvider c) {
        return new SessionConfig(profile, c, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withRole(String arn, String extId, String name, Duration d) {
        return new SessionConfig(profile, baseCredentials, arn, extId, name, d, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withEndpoint(URI e) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, e,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withEndpointOverrides(Map<String, URI> overrides) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                overrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withTimeouts(Duration connect, Duration attempt, Duration call, int attempts) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connect, attempt, call, attempts, maxConnections, maxRps, refreshBefore);
    }

    public SessionConfig withMaxConnections(int n) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, n, maxRps, refreshBefore);
    }

    /** At most {@code n} API calls per second to each service; 0 for no cap. */
    public SessionConfig withMaxRps(int n) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, n,
                refreshBefore);
    }

    /** Refresh assumed-role credentials {@code d} before they expire (tests with short sessions). */
    public SessionConfig withRefreshBefore(Duration d) {
        return new SessionConfig(profile, baseCredentials, roleArn, externalId, sessionName, duration, endpoint,
                endpointOverrides, connectTimeout, attemptTimeout, callTimeout, maxAttempts, maxConnections, maxRps, d);
    }

    /** The endpoint for a client of {@code service} (the client's SERVICE_NAME, e.g. "ec2") in {@code region}. */
    public Optional<URI> endpointFor(String service, String region) {
        String s = service.toLowerCase(Locale.ROOT);
        for (String key : new String[] {s + "@" + region, s, region}) {
            URI u = endpointOverrides.get(key);
            if (u != null) {
                return Optional.of(u);
            }
        }
        return Optional.ofNullable(endpoint);
    }

    /** True when every client talks to an emulator rather than AWS. */
    public boolean emulated() {
        return endpoint != null;
    }
}
