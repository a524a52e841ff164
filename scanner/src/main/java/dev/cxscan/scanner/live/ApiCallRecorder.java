package dev.cxscan.scanner.live;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the API calls of a session per IAM action (e.g. "ec2:DescribeSecurityGroups",
 * "s3:GetEncryptionConfiguration"). One recorder per session; {@link #forService} gives the
 * interceptor each client carries (after the {@link ReadOnlyGuard}, so refused calls are not
 * counted). Calls are counted once however many times they are retried.
 */
public final class ApiCallRecorder {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** The interceptor for clients of {@code service} (the client's SERVICE_NAME). */
    public ExecutionInterceptor forService(String service) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                record(IamActions.of(service, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
            }
        };
    }

    void record(String action) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /** Calls per IAM action, sorted by action. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        calls.clear();
    }
}
