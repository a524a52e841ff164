package dev.cxscan.reports;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The API calls a live scan made to one AWS service, from the SDK's own metrics: calls (each counted once),
 * the retries among their attempts, and the attempts the service answered with a throttling error.
 *
 * @param calls     API calls sent at least once
 * @param retries   attempts after the first, over all calls
 * @param throttles attempts answered with a throttling error (Throttling, RequestLimitExceeded, SlowDown, 429 ...)
 */
@JsonPropertyOrder({"calls", "retries", "throttles"})
public record ServiceCalls(long calls, long retries, long throttles) {
}
