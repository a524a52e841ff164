package dev.cxscan.scanner.cli;

/**
 * The exit codes of ARCHITECTURE.md. When several apply the highest precedence wins:
 * {@link #USAGE} over {@link #SCAN_ERROR} over {@link #FINDINGS}.
 */
public final class ExitCodes {
    /** No finding at or above --fail-on. */
    public static final int OK = 0;
    /** A FAIL at or above --fail-on. */
    public static final int FINDINGS = 1;
    /** Usage error (bad option) or input error (a path or template that cannot be read). */
    public static final int USAGE = 2;
    /** Scan errors: ERROR findings (a resource that could not be evaluated) or an unexpected failure. */
    public static final int SCAN_ERROR = 3;

    private ExitCodes() {
    }
}
