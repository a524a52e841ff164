package dev.cxscan.cdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The bundled jsii module is built from src/main/jsii/package (see src/main/jsii/README.md). */
class TemplateBridgeBundleTest {
    @Test
    void bundleMatchesTheSources() throws IOException {
        Map<String, byte[]> bundled = untar(TemplateBridge.Module.class.getResourceAsStream("cxscan-cdk-bridge@0.4.0.jsii.tgz"));
        Path sources = Path.of("src/main/jsii/package");
        Map<String, byte[]> expected = new TreeMap<>();
        try (var files = Files.list(sources)) {
            for (Path f : files.toList()) {
                expected.put("package/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        assertEquals(expected.keySet(), bundled.keySet());
        for (var e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), bundled.get(e.getKey()), e.getKey() + " differs: rebuild the bundle");
        }
    }

    /** A minimal ustar reader: regular files only. */
    private static Map<String, byte[]> untar(InputStream gz) throws IOException {
        assertNotNull(gz, "bundle on the classpath");
        byte[] tar = new GZIPInputStream(gz).readAllBytes();
        Map<String, byte[]> out = new TreeMap<>();
        int pos = 0;
        while (pos + 512 <= tar.length && tar[pos] != 0) {
            String name = new String(tar, pos, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, pos + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            char kind = (char) tar[pos + 156];
            if (kind == '0' || kind == 0) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.write(tar, pos + 512, (int) size);
                out.put(name, body.toByteArray());
            }
            pos += 512 + (int) ((size + 511) / 512) * 512;
        }
        return out;
    }
}
