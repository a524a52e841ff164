package dev.cxscan.scanner.live;

/** What a live scan reports while it runs (the CLI shows a bar on a terminal, plain lines otherwise). */
public interface ScanProgress {
    ScanProgress NONE = new ScanProgress() {
    };

    /** {@code total} probe runs (service, region) are about to start. */
    default void started(int total) {
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
