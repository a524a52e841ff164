package dev.cxscan.reports.csv;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted (quotes doubled), records end with CRLF.
 * Formula-injection guard (OWASP): a cell starting with {@code = + - @}, a tab or a CR gets a leading
 * {@code '} so a spreadsheet shows the text instead of evaluating it (resource ids and messages come
 * from the scanned templates).
 */
public final class Csv {
    private Csv() {
    }

    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    public static String record(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
