package dev.cxscan.reports;

import java.io.IOException;
import java.nio.file.Path;

/** Writes one output format of a scan result into the output folder. */
public interface ReportWriter {
    /** The --format name, e.g. "json". */
    String format();

    /**
     * Writes the report under {@code outDir} (created by the caller).
     *
     * @return the file written, or null when the format writes to standard output
     */
    Path write(ScanResult result, Path outDir) throws IOException;
}
