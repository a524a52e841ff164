package dev.cxscan.scanner.emulator;

/**
 * A fault the {@link FaultProxy} can put on the wire instead of (or around) the emulator's answer. Error answers
 * take the shape of the request's protocol ({@link AwsWireRequest.Protocol}), so the SDK reads them as AWS would
 * send them.
 */
public enum Fault {
    /**
     * Throttled: {@code ThrottlingException} (JSON protocols, HTTP 400), {@code Throttling} (query protocol,
     * 400), {@code RequestLimitExceeded} (EC2, 503), {@code SlowDown} (S3, 503).
     */
    THROTTLE,
    /** HTTP 500 {@code InternalError}. */
    INTERNAL_ERROR,
    /** The connection is reset (SO_LINGER 0, then close): the client reads an RST, not a clean end of stream. */
    RESET,
    /** The answer is held back for {@link FaultProxy#delay()} (longer than the scan's call timeout), then sent. */
    DELAY,
    /** The emulator's answer is cut: its full Content-Length is declared, half the body is sent, the connection closes. */
    TRUNCATED,
    /** HTTP 200 with a body that is neither JSON nor XML. */
    GARBAGE,
    /**
     * HTTP 403: {@code AccessDeniedException} (JSON protocols), {@code AccessDenied} (query protocol and S3),
     * {@code UnauthorizedOperation} (EC2).
     */
    ACCESS_DENIED
}
