package dev.cxscan.scanner.live;

import dev.cxscan.reports.ServiceCalls;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Calls, retries and throttles per AWS service, read from the SDK's own metrics rather than guessed from
 * exceptions: every client of a session carries the {@link #forService publisher} of its service; the SDK hands
 * it one "ApiCall" record per call, with RETRY_COUNT, and one "ApiCallAttempt" child per attempt, whose ERROR_TYPE
 * is "Throttling" when the service throttled it (the SDK's own classification: Throttling, RequestLimitExceeded,
 * SlowDown, HTTP 429 ...). Calls refused before any attempt (the read-only guard) are not counted.
 */
public final class ApiCallMetrics {
    /** CoreMetric.ERROR_TYPE's documented value for a throttled attempt. */
    private static final String THROTTLING = "Throttling";

    private record Counters(LongAdder calls, LongAdder retries, LongAdder throttles) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    private final Map<String, Counters> byService = new ConcurrentHashMap<>();

    /** The publisher for clients of {@code service} (a client's SERVICE_NAME); figures are keyed by IAM prefix. */
    public MetricPublisher forService(String service) {
        Counters counters = byService.computeIfAbsent(IamActions.prefix(service), s -> new Counters());
        return new MetricPublisher() {
            @Override
            public void publish(MetricCollection call) {
                record(counters, call);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private static void record(Counters counters, MetricCollection call) {
        long attempts = call.children().stream().filter(c -> c.name().equals("ApiCallAttempt")).count();
        if (attempts == 0) {
            return;
        }
        counters.calls().increment();
        counters.retries().add(call.metricValues(CoreMetric.RETRY_COUNT).stream().mapToLong(Integer::longValue).sum());
        counters.throttles().add(call.children().stream()
                .filter(a -> a.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
                .count());
    }

    /** Figures per service that was called, sorted by IAM prefix (e.g. "ec2", "iam", "s3", "sts"). */
    public Map<String, ServiceCalls> byService() {
        Map<String, ServiceCalls> out = new TreeMap<>();
        byService.forEach((service, c) -> {
            if (c.calls().sum() > 0) {
                out.put(service, new ServiceCalls(c.calls().sum(), c.retries().sum(), c.throttles().sum()));
            }
        });
        return out;
    }
}
