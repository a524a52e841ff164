package dev.cxscan.reports.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ScanResult;
import java.io.IOException;
import java.nio.file.Path;

/** results.json, schemaVersion 1, exactly as ARCHITECTURE.md describes; strings pass through {@link Redactor#scrub}. */
public final class JsonReportWriter implements ReportWriter {
    public static final String FILE_NAME = "results.json";

    /** The mapper that writes and reads results.json (ISO-8601 timestamps). */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public Path write(ScanResult result, Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        ScanResult scrubbed = Redactor.scrub(result);
        dev.cxscan.reports.ReportFile.write(file, out -> mapper().writeValue(out, scrubbed));
        return file;
    }
}
