package dev.cxscan.scanner.cli;

import java.io.IOException;

/**
 * One or more report files could not be written (a full disk, a read-only folder, a folder in the way):
 * the command exits 2 with this message, which names each file, the reason and what to do, and which
 * report files were written. Never turned into exit 0 or 1: the reports the gate would rest on are missing.
 */
public final class ReportsNotWrittenException extends IOException {
    public ReportsNotWrittenException(String message) {
        super(message);
    }
}
