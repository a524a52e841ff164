package dev.cxscan.scanner.live;

/**
 * The session found no credentials to sign with. Its message is one line that says what to do; the SDK's own
 * (every provider of the default chain with its reason, ~1,500 characters) stays the cause, for CXSCAN_DEBUG.
 */
public final class NoCredentialsException extends RuntimeException {
    public NoCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
