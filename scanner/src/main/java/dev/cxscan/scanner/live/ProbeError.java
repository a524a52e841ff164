package dev.cxscan.scanner.live;

import java.util.List;

/**
 * An API call a probe could not make (AccessDenied, UnauthorizedOperation, OptInRequired, a missing
 * subscription, a throttle that outlived the retries ...): every check listed gets an ERROR finding
 * naming the action and the error code, and the scan exits 3.
 *
 * @param service   e.g. "ec2"
 * @param action    the API action, e.g. "ec2:DescribeSecurityGroups"
 * @param errorCode the AWS error code, e.g. "UnauthorizedOperation", or the exception class
 * @param message   the error message as AWS gave it
 * @param region    the region, or null for global services
 * @param checks    ids of the checks that could not be judged because of it
 */
public record ProbeError(String service, String action, String errorCode, String message, String region,
                         List<String> checks) {
    public ProbeError {
        checks = List.copyOf(checks);
    }
}
