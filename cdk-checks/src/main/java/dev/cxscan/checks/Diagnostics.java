package dev.cxscan.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems found while loading and evaluating that are not findings: input errors (a file that
 * cannot be read, exit code 2) and warnings (a suppression without a reason). Thread-safe.
 */
public final class Diagnostics {
    /** An input problem, e.g. invalid YAML, with the file and line where known. */
    public record InputError(String file, Integer line, String message) {
        @Override
        public String toString() {
            return file + (line == null ? "" : ":" + line) + ": " + message;
        }
    }

    private final List<InputError> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public synchronized void inputError(String file, Integer line, String message) {
        errors.add(new InputError(file, line, message));
    }

    public synchronized void warn(String message) {
        warnings.add(message);
    }

    public synchronized List<InputError> inputErrors() {
        return List.copyOf(errors);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized boolean hasInputErrors() {
        return !errors.isEmpty();
    }
}
