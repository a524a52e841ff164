package dev.cxscan.scanner.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.emulator.AwsWireServer;
import dev.cxscan.scanner.emulator.MotoServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** --max-rps: one bucket per service, shared by every client and thread, taken by every attempt. */
class RateLimitsTest {
    /** A clock that stands still: the limiters never start a new one-second cycle, so no permit comes back. */
    private static final Supplier<Long> STILL = () -> 0L;

    /** An empty LookupEvents answer. */
    static ObjectNode noEvents() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("Events");
        return o;
    }

    private static void attempt(ExecutionInterceptor limiter) {
        limiter.beforeTransmission(null, new ExecutionAttributes());
    }

    @Test
    void eachServiceHasItsOwnBucketSharedByAllItsClients() {
        RateLimits limits = new RateLimits(3, Duration.ZERO, STILL);
        ExecutionInterceptor ec2Here = limits.forService("ec2");
        ExecutionInterceptor ec2There = limits.forService("ec2"); // another client (region) of the service
        attempt(ec2Here);
        attempt(ec2Here);
        attempt(ec2There);
        SdkClientException e = assertThrows(SdkClientException.class, () -> attempt(ec2There));
        assertTrue(e.getMessage().contains("no ec2 call slot") && e.getMessage().contains("--max-rps 3"), e.getMessage());
        // iam's bucket is untouched by ec2's calls
        ExecutionInterceptor iam = limits.forService("iam");
        attempt(iam);
        attempt(iam);
        attempt(iam);
        assertThrows(SdkClientException.class, () -> attempt(iam));
        // buckets are per IAM prefix: CloudWatch's endpoint "monitoring" and "cloudwatch" are one service
        attempt(limits.forService("monitoring"));
        attempt(limits.forService("cloudwatch"));
        attempt(limits.forService("monitoring"));
        assertThrows(SdkClientException.class, () -> attempt(limits.forService("cloudwatch")));
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> SessionConfig.defaults().withMaxRps(-1));
    }

    @Test
    void retriesTakeAPermitToo() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (AwsWireServer wire = AwsWireServer.start().onTarget("LookupEvents", body -> seen.incrementAndGet() == 1
                ? AwsWireServer.Reply.error(400, "ThrottlingException", "Rate exceeded")
                : AwsWireServer.Reply.ok(noEvents()))) {
            RateLimits limits = new RateLimits(2, Duration.ZERO, STILL);
            try (CloudTrailClient ct = CloudTrailClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(MotoServerExtension.CREDENTIALS).endpointOverride(wire.endpoint())
                    .httpClient(ApacheHttpClient.create())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy())
                            .addExecutionInterceptor(limits.forService(CloudTrailClient.SERVICE_NAME)))
                    .build()) {
                ct.lookupEvents(r -> r.maxResults(1)); // throttled once, retried: two attempts, the bucket's two permits
                SdkClientException e = assertThrows(SdkClientException.class, () -> ct.lookupEvents(r -> r.maxResults(1)));
                assertTrue(e.getMessage().contains("no cloudtrail call slot"), e.getMessage());
            }
            assertEquals(2, wire.requests().size(), "the call without a permit was not sent: " + wire.requests());
        }
    }

    @Test
    void theCapHoldsForAllThreadsAndClientsOfAService() throws Exception {
        int rate = 5;
        int calls = 15;
        try (AwsWireServer wire = AwsWireServer.start().onTarget("LookupEvents",
                body -> AwsWireServer.Reply.ok(noEvents()))) {
            SessionConfig c = SessionConfig.defaults().withCredentials(MotoServerExtension.CREDENTIALS)
                    .withEndpoint(wire.endpoint()).withMaxRps(rate);
            List<Region> regions = List.of(Region.US_EAST_1, Region.EU_WEST_1, Region.AP_SOUTHEAST_2);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            long t0 = System.nanoTime();
            try (AwsSession s = new AwsSession(c, Region.US_EAST_1)) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    Region region = regions.get(i % regions.size());
                    done.add(pool.submit(() -> s.client(CloudTrailClient.class, region).lookupEvents(r -> r.maxResults(1))));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                assertEquals(calls, s.metrics().byService().get("cloudtrail").calls());
            } finally {
                pool.shutdownNow();
            }
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            // the first `rate` calls go at once, then `rate` per one-second cycle: (15 - 5) / 5 = 2 s at least
            // (less 10 % for a thread woken early); unlimited, the 15 loopback calls take well under a second
            long floor = (calls - rate) * 1000L / rate * 9 / 10;
            assertTrue(ms >= floor, calls + " calls at --max-rps " + rate + " took " + ms + " ms, less than " + floor);
            assertEquals(calls, wire.requests().size());
        }
    }
}
