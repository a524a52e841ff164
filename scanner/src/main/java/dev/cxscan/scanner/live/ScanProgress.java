package dev.cxscan.scanner.live;

/** What a live scan reports while it runs (the CLI shows a bar on a terminal, plain lines otherwise). */
public interface ScanProgress {
    ScanProgress NONE = new ScanProgress() {
    };

    /** {@code total} probe runs (service, region) are about to start. */
    default void started(int total) {
    }

    /**
     * A resumed scan (--resume): {@code reused} of the {@code total} probe runs were loaded from the folder
     * {@code from} (saved by runs since {@code since}) instead of read; {@code retried} saved ones are read again
     * (they recorded an error or could not be read back). Called once, after {@link #started}.
     */
    default void resumed(int reused, int retried, int total, String from, java.time.Instant since) {
    }

    /** One probe run finished: {@code done} of {@code total}. */
    default void finished(String service, String region, int done, int total) {
    }

    /** Something the user should know that is not a finding, e.g. a skipped region. */
    default void warn(String message) {
    }

    /** All probes finished. */
    default void done() {
    }
}
