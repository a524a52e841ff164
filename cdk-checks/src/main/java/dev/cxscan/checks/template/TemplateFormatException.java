package dev.cxscan.checks.template;

/** A template that cannot be read: the message is one line, with the line number where known. */
public final class TemplateFormatException extends Exception {
    private final Integer line;

    public TemplateFormatException(String message, Integer line) {
        super(message);
        this.line = line;
    }

    /** 1-based line, or null when unknown. */
    public Integer line() {
        return line;
    }
}
