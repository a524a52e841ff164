package dev.cxscan.reports.evidence;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cxscan.reports.ScanInfo;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.ToolInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code manifest.json} of an evidence bundle: what was scanned, by which tool, when, and the SHA-256 and size
 * of every other file of the bundle (paths relative to the bundle folder, '/'-separated, sorted).
 */
@JsonPropertyOrder({"format", "tool", "scan", "files"})
public record Manifest(String format, ToolInfo tool, ScanInfo scan, List<FileEntry> files) {
    public static final String FORMAT = "cxscan-evidence/1";

    @JsonPropertyOrder({"path", "sha256", "size"})
    public record FileEntry(String path, String sha256, long size) {
    }

    static Manifest create(ScanResult result, Path root) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.equals(EvidenceBundleWriter.MANIFEST) || rel.equals(ManifestSignature.FILE)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(p)) {
                    files.add(new FileEntry(rel, sha256(in), Files.size(p)));
                }
            }
        }
        files.sort(java.util.Comparator.comparing(FileEntry::path));
        return new Manifest(FORMAT, result.tool(), result.scan(), files);
    }

    static String sha256(byte[] bytes) {
        try {
            return sha256(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
