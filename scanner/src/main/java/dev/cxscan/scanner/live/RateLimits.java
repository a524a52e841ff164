package dev.cxscan.scanner.live;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code --max-rps N}: at most N API calls per second to each AWS service, whatever the number of threads. One
 * resilience4j {@link RateLimiter} per service (keyed by IAM prefix, so "monitoring" counts as "cloudwatch"), each
 * granting N permits per one-second cycle, is shared by every client and thread of a session: the probe pool and
 * the per-item pools of {@code ProbeSupport.forEachParallel}. The {@link #forService interceptor} takes a permit in
 * {@code beforeTransmission}, which the SDK runs before every attempt, so retries wait for a permit too and cannot
 * burst past the cap.
 *
 * <p>A thread waits at most {@code maxWait} for its permit (the session passes the attempt timeout, which would end
 * the attempt anyway); past that the call fails with a message naming the option, rather than hanging.
 */
public final class RateLimits {
    private static final Duration CYCLE = Duration.ofSeconds(1);

    private final int perSecond;
    private final RateLimiterConfig config;
    private final Supplier<Long> nanoTime;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * @param perSecond calls per second per service, at least 1
     * @param maxWait   how long one attempt may wait for its permit
     */
    public RateLimits(int perSecond, Duration maxWait) {
        this(perSecond, maxWait, System::nanoTime);
    }

    /** With the limiters' clock: tests use one that stands still. */
    RateLimits(int perSecond, Duration maxWait, Supplier<Long> nanoTime) {
        this.nanoTime = nanoTime;
        if (perSecond < 1) {
            throw new IllegalArgumentException("calls per second must be at least 1: " + perSecond);
        }
        this.perSecond = perSecond;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(CYCLE)
                .timeoutDuration(maxWait)
                .build();
    }

    public int perSecond() {
        return perSecond;
    }

    /** The limiter every client of {@code service} (a client's SERVICE_NAME or an IAM prefix) shares. */
    RateLimiter limiter(String service) {
        return limiters.computeIfAbsent(IamActions.prefix(service), s -> RateLimiter.of(s, config, nanoTime));
    }

    /** The interceptor for clients of {@code service}: one permit of the service's limiter per attempt. */
    public ExecutionInterceptor forService(String service) {
        RateLimiter limiter = limiter(service);
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!limiter.acquirePermission()) {
                    throw SdkClientException.create(Thread.currentThread().isInterrupted()
                            ? "interrupted while waiting for a " + limiter.getName() + " call slot (--max-rps "
                                    + perSecond + ")"
                            : "no " + limiter.getName() + " call slot within " + config.getTimeoutDuration().toSeconds()
                                    + " s at --max-rps " + perSecond + ": raise --max-rps or lower --concurrency");
                }
            }
        };
    }
}
