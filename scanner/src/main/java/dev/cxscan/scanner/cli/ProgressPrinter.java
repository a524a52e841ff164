package dev.cxscan.scanner.cli;

import dev.cxscan.scanner.live.ScanProgress;
import java.io.PrintWriter;

/**
 * Live scan progress on stderr: a bar redrawn in place on a terminal (service and region just
 * read, done/total), plain lines otherwise; nothing with --quiet (warnings too, as --quiet says).
 */
final class ProgressPrinter implements ScanProgress {
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private int lastWidth;

    ProgressPrinter(PrintWriter err, boolean quiet, boolean terminal) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(int total) {
        if (!quiet && !terminal) {
            err.println("cxscan: reading " + total + " (service, region) pair(s)");
            err.flush();
        }
    }

    @Override
    public synchronized void resumed(int reused, int retried, int total, String from, java.time.Instant since) {
        if (!quiet) {
            clearBar();
            if (reused == 0 && retried == 0) {
                err.println("cxscan: saving each part of the scan to " + from + " as it completes "
                        + "(the same command resumes the scan if it is interrupted)");
            } else {
                err.println("cxscan: resuming from " + from + " (saved since "
                        + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): " + reused + " of " + total
                        + " part(s) reused without an API call, " + (total - reused) + " to read"
                        + (retried == 0 ? "" : " (" + retried + " saved with an error or unreadable, read again)"));
            }
            err.flush();
        }
    }

    @Override
    public synchronized void finished(String service, String region, int done, int total) {
        if (quiet) {
            return;
        }
        if (terminal) {
            int filled = total == 0 ? BAR : done * BAR / total;
            String line = "\rcxscan [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total
                    + " " + service + " " + region;
            int pad = Math.max(0, lastWidth - line.length());
            err.print(line + " ".repeat(pad));
            lastWidth = line.length();
        } else {
            err.println("cxscan: read " + service + " in " + region + " (" + done + "/" + total + ")");
        }
        err.flush();
    }

    @Override
    public synchronized void warn(String message) {
        if (quiet) {
            return;
        }
        clearBar();
        err.println("cxscan: warning: " + message);
        err.flush();
    }

    @Override
    public synchronized void done() {
        clearBar();
        err.flush();
    }

    private void clearBar() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
    }
}
