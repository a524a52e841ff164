package dev.cxscan.reports.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text (RFC 7468): one labelled block of base64 DER, 64 characters a line. */
final class Pem {
    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the first block labelled {@code label}; null when the text holds no such block. */
    static byte[] decode(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = b < 0 ? -1 : text.indexOf(end, b);
        if (e < 0) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e).strip());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** The label of the first PEM block of {@code text}, or null (to name what a wrong file holds). */
    static String firstLabel(String text) {
        int b = text.indexOf("-----BEGIN ");
        int e = b < 0 ? -1 : text.indexOf("-----", b + 11);
        return e < 0 ? null : text.substring(b + 11, e);
    }
}
