package dev.cxscan.checks.template;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text encodings a template may come in. Templates are UTF-8 (CloudFormation's own rule); a
 * UTF-16 file with a byte order mark (what Windows PowerShell 5 writes for {@code cdk synth > t.yaml})
 * is read as well, by converting it to UTF-8 first. Anything else gets a message that says to save
 * the file as UTF-8: a file with NUL bytes (binary, or UTF-16 without a byte order mark), UTF-32,
 * and bytes that are not valid UTF-8.
 */
final class TextEncoding {
    private static final String SAVE_AS_UTF8 = "save the file as UTF-8";

    private TextEncoding() {
    }

    /** The content as UTF-8 bytes (UTF-16 with a byte order mark converted), or why it is not text. */
    static byte[] toUtf8(byte[] content) throws TemplateFormatException {
        if (startsWith(content, 0x00, 0x00, 0xFE, 0xFF) || startsWith(content, 0xFF, 0xFE, 0x00, 0x00)) {
            throw new TemplateFormatException("UTF-32 text is not supported: " + SAVE_AS_UTF8, null);
        }
        Charset utf16 = startsWith(content, 0xFE, 0xFF) ? StandardCharsets.UTF_16BE
                : startsWith(content, 0xFF, 0xFE) ? StandardCharsets.UTF_16LE : null;
        if (utf16 != null) {
            String text = decode(ByteBuffer.wrap(content, 2, content.length - 2), utf16);
            content = text.getBytes(StandardCharsets.UTF_8);
        }
        int nul = indexOfNul(content);
        if (nul >= 0) {
            throw new TemplateFormatException("not a text file: NUL byte at offset " + nul
                    + " (a binary file, or UTF-16 without a byte order mark): " + SAVE_AS_UTF8, lineAt(content, nul));
        }
        return content;
    }

    /** The bytes to look at for a template key: a UTF-16 file (with its byte order mark) as UTF-8. */
    static byte[] sniffable(byte[] content) {
        if (startsWith(content, 0xFE, 0xFF) || startsWith(content, 0xFF, 0xFE)) {
            try {
                return toUtf8(content);
            } catch (TemplateFormatException e) {
                return content; // parsing reports it, if the file is a template at all
            }
        }
        return content;
    }

    /** Strict UTF-8 decoding (an optional byte order mark dropped): invalid bytes are an error, not U+FFFD. */
    static String utf8(byte[] content) throws TemplateFormatException {
        int start = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return decode(ByteBuffer.wrap(content, start, content.length - start), StandardCharsets.UTF_8);
    }

    private static String decode(ByteBuffer bytes, Charset charset) throws TemplateFormatException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate((int) (bytes.remaining() * (double) decoder.maxCharsPerByte()) + 1);
        var result = decoder.decode(bytes, out, true);
        if (result.isError()) {
            int at = bytes.position();
            byte[] array = bytes.array();
            String name = charset == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16";
            throw new TemplateFormatException(String.format("not %s text: invalid byte 0x%02X at offset %d: %s",
                    name, array[at] & 0xFF, at, SAVE_AS_UTF8), charset == StandardCharsets.UTF_8
                    ? lineAt(array, at) : null);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfNul(byte[] content) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** 1-based line of byte {@code offset}. */
    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < content.length; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
