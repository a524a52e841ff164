package dev.cxscan.reports;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes one report file so that a failed write leaves no truncated file behind to be mistaken for a
 * report (a full disk would otherwise leave half a results.json), and fails with a
 * {@link ReportFileException} that names the file and the operating system's reason.
 */
public final class ReportFile {
    /** What writes the file's content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private ReportFile() {
    }

    /** Writes {@code text} as UTF-8. */
    public static void write(Path file, String text) throws ReportFileException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Creates or replaces {@code file} with what {@code body} writes. On failure a file this call opened is
     * deleted again (it would be incomplete); a path it could not open (a folder, say) is left alone.
     */
    public static void write(Path file, Body body) throws ReportFileException {
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        } catch (IOException e) {
            throw new ReportFileException(file, e);
        }
        try (out) {
            body.writeTo(out);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException ignored) {
                // the write error is what the user needs; a failed clean-up adds nothing they can act on
            }
            if (e instanceof ReportFileException r) {
                throw r;
            }
            throw new ReportFileException(file, e);
        }
    }

    /** A report file that could not be written: the file and the reason, e.g. "No space left on device". */
    public static final class ReportFileException extends IOException {
        private final transient Path file;

        public ReportFileException(Path file, Throwable cause) {
            super(file + ": " + reason(cause), cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }

        /** The operating system's words for the failure ("Is a directory", "Read-only file system"...). */
        public String reason() {
            return reason(getCause());
        }

        /** The reason of an I/O failure without the path the exception types put around it. */
        public static String reason(Throwable e) {
            if (e instanceof ReportFileException r) {
                return r.reason();
            }
            if (e instanceof FileSystemException f && f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof java.nio.file.DirectoryNotEmptyException) {
                return "Directory not empty";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            String m = e.getMessage();
            if (e instanceof FileNotFoundException && m != null && m.endsWith(")") && m.contains(" (")) {
                return m.substring(m.lastIndexOf(" (") + 2, m.length() - 1); // "path (Is a directory)"
            }
            if (e.getCause() != null && e.getCause() != e && (m == null || m.isBlank())) {
                return reason(e.getCause());
            }
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }
    }
}
