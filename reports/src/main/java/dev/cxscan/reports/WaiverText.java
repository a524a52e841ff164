package dev.cxscan.reports;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain-text rendering of a control's {@code waiver} object for writers that show it as text (HTML, CSV,
 * JUnit): nested maps as "key: value" pairs, lists joined, so a Well-Architected record (questions with
 * their choices) stays readable.
 */
public final class WaiverText {
    private WaiverText() {
    }

    /** One value: strings as is, lists joined with ", " (maps within lists with " | "), maps as "k: v; k: v". */
    public static String value(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining("; "));
        }
        if (v instanceof Collection<?> c) {
            boolean nested = c.stream().anyMatch(x -> x instanceof Map<?, ?>);
            return c.stream().map(WaiverText::value).collect(Collectors.joining(nested ? " | " : ", "));
        }
        return String.valueOf(v);
    }

    /** The whole record: its {@code summary} when it has one (a WAFR record), else every entry. */
    public static String summary(Map<String, Object> waiver) {
        if (waiver == null) {
            return "";
        }
        Object s = waiver.get("summary");
        return s != null ? String.valueOf(s) : value(waiver);
    }

    /** True for a record of a review that was imported but did not waive the control. */
    public static boolean notWaived(Map<String, Object> waiver) {
        return waiver != null && "NOT_WAIVED".equals(waiver.get("outcome"));
    }
}
