package dev.cxscan.reports.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.cxscan.reports.ControlView;
import dev.cxscan.reports.EvidenceFile;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.MappedList;
import dev.cxscan.reports.Redactor;
import dev.cxscan.reports.ReportFile;
import dev.cxscan.reports.ReportWriter;
import dev.cxscan.reports.ResourceRef;
import dev.cxscan.reports.ScanResult;
import dev.cxscan.reports.ShownPath;
import dev.cxscan.reports.html.HtmlReportWriter;
import dev.cxscan.reports.json.JsonReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence bundle: {@code evidence/} and the same tree in {@code evidence.zip}, organized by checklist
 * control.
 * <pre>
 * evidence/
 *   manifest.json            tool, scan (account, caller, regions, templates, start, end), SHA-256 and size of every other file
 *   manifest.json.sig        with a signing key: the detached signature of manifest.json's bytes, with the public key
 *   index.html               the overview: every control, its status and folder
 *   results.json             the whole scan (results.json schema 1)
 *   resources/N-SOURCE.json  per template (or region, for live resources): every resource a finding was judged on,
 *                            stored once with the controls and findings naming it and its data (see ResourceFiles)
 *   CONTROL-ID/
 *     index.html             readable page: requirement and requested evidence (quoted), status, checks, findings,
 *                            links to the resources judged (their data inline when there are few)
 *     control.json           the same as data: control text, status, counts, waiver, what is missing, user evidence
 *     findings.json          every finding of the control
 *     attachments/N-NAME     the user's documents (--evidence), copied
 *   wafr/                    when a Well-Architected review was imported
 *     review.json            its provenance (source, SHA-256, workload, lens, milestone, date) and outcome
 *     attachments/N-NAME     files kept as evidence only (the review's PDF report), copied
 * </pre>
 * Every string passes through {@link Redactor#scrub}; resource data is redacted structurally (secret-named
 * properties) and textually (key ids, tokens). The zip is deterministic: index.html first (what an auditor opens),
 * then the other entries sorted, timestamps of the scan start. {@link EvidenceVerifier} re-computes the hashes and checks the signature. An existing {@code evidence/} folder is replaced only
 * when it holds a manifest (a previous bundle); anything else is left alone and reported.
 */
public final class EvidenceBundleWriter implements ReportWriter {
    public static final String FOLDER = "evidence";
    public static final String ZIP = "evidence.zip";
    public static final String MANIFEST = "manifest.json";
    /** What the bundle's index table shows of each control (see evidence-index.mustache). */
    /** A control page shows the data of the resources it judged inline up to this many; beyond, it links only. */
    static final int INLINE_EXCERPTS = 50;
    private static final List<String> OVERVIEW_KEYS = List.of("id", "title", "status", "statusCls", "summary", "missing");

    private final SigningKey signingKey;

    /** An unsigned bundle. */
    public EvidenceBundleWriter() {
        this(null);
    }

    /** @param signingKey signs manifest.json ({@code manifest.json.sig}); null: unsigned */
    public EvidenceBundleWriter(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    /**
     * What was written: the zip, the SHA-256 of manifest.json (to quote with the submission), and the
     * fingerprint of the key that signed it (null when unsigned).
     */
    public record Written(Path zip, String manifestSha256, String signerFingerprint) {
    }

    @Override
    public String format() {
        return "evidence";
    }

    @Override
    public Path write(ScanResult raw, Path outDir) throws IOException {
        return writeBundle(raw, outDir).zip();
    }

    /** As {@link #write}, telling the manifest's SHA-256 and the signer. */
    public Written writeBundle(ScanResult raw, Path outDir) throws IOException {
        ScanResult result = Redactor.scrub(raw);
        Path root = outDir.resolve(FOLDER);
        Path zip = outDir.resolve(ZIP);
        prepare(root);
        try {
            return writeBundle(result, root, zip, signingKey);
        } catch (IOException | RuntimeException e) {
            // an incomplete bundle (a full disk, say) must not pass for one: its folder and zip go, and the
            // next run is not refused by a folder without a manifest
            deleteQuietly(root, zip);
            if (e instanceof IOException io && !(e instanceof ReportFile.ReportFileException)) {
                throw new ReportFile.ReportFileException(failedFile(io, root), io);
            }
            throw e;
        }
    }

    /** The file the operating system refused, when the exception says; else the bundle folder. */
    private static Path failedFile(IOException e, Path root) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            return Path.of(f.getFile());
        }
        String m = e.getMessage();
        if (e instanceof java.io.FileNotFoundException && m != null && m.contains(" (")) {
            return Path.of(m.substring(0, m.lastIndexOf(" (")));
        }
        return root;
    }

    private static void deleteQuietly(Path root, Path zip) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: the write error is reported
        }
        for (Path p : List.of(zip, zip.resolveSibling(zip.getFileName() + ".tmp"))) {
            try {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
    }

    private static Written writeBundle(ScanResult result, Path root, Path zip, SigningKey signer) throws IOException {
        ObjectMapper json = JsonReportWriter.mapper();
        // a file the manifest lists cannot hold the manifest's hash: this copy's "evidence" is null
        json.writeValue(root.resolve("results.json").toFile(), result.evidence() == null ? result : result.withEvidence(null));

        List<ControlView> views = ControlView.of(result);
        ResourceFiles resourceFiles = ResourceFiles.write(result, views, root, json);
        List<Map<String, Object>> overview = new ArrayList<>();
        for (ControlView v : views) {
            Path dir = Files.createDirectories(root.resolve(v.id()));
            List<Map<String, Object>> resources = resourceRows(result, v, resourceFiles, json);
            List<Map<String, Object>> attachments = copyAttachments(v, dir.resolve("attachments"));
            json.writeValue(dir.resolve("findings.json").toFile(), allFindings(v));
            json.writeValue(dir.resolve("control.json").toFile(), controlData(v, json, attachments));
            Map<String, Object> page = HtmlReportWriter.controlModel(v);
            page.put("toolVersion", result.tool().version());
            page.put("resources", resources);
            page.put("hasResources", !resources.isEmpty());
            page.put("resourceCount", resources.size());
            page.put("excerptsInline", resources.size() <= INLINE_EXCERPTS);
            page.put("attachments", attachments);
            page.put("hasAttachments", !attachments.isEmpty());
            page.put("allFindings", MappedList.of(allFindings(v), HtmlReportWriter::findingModel));
            // streamed: the page of a control with every resource of a large account is tens of MB
            render("evidence-control.mustache", page, dir.resolve("index.html"));
            // the overview keeps only what its table shows, not every page's rows
            Map<String, Object> row = new LinkedHashMap<>();
            for (String key : OVERVIEW_KEYS) {
                if (page.containsKey(key)) {
                    row.put(key, page.get(key));
                }
            }
            overview.add(row);
        }
        writeWafr(result, root.resolve("wafr"), json);
        Map<String, Object> index = new LinkedHashMap<>(HtmlReportWriter.headerModel(result));
        index.put("controls", overview);
        render("evidence-index.mustache", index, root.resolve("index.html"));

        // the manifest's exact bytes are what is hashed and signed
        byte[] manifest = json.writeValueAsBytes(Manifest.create(result, root));
        Files.write(root.resolve(MANIFEST), manifest);
        if (signer != null) {
            json.writeValue(root.resolve(ManifestSignature.FILE).toFile(), ManifestSignature.sign(manifest, signer));
        }

        zip(root, zip, result.scan() != null && result.scan().startedAt() != null ? result.scan().startedAt() : Instant.EPOCH);
        return new Written(zip, Manifest.sha256(manifest), signer == null ? null : signer.fingerprint());
    }

    /**
     * {@code wafr/review.json}: the imported Well-Architected review (provenance, outcome, attachments), and
     * {@code wafr/attachments/}: the files given as evidence only (e.g. the review's PDF report), copied.
     */
    private static void writeWafr(ScanResult result, Path dir, ObjectMapper json) throws IOException {
        if (result.wafr() == null) {
            return;
        }
        Files.createDirectories(dir);
        json.writeValue(dir.resolve("review.json").toFile(), result.wafr());
        int n = 0;
        for (dev.cxscan.reports.wafr.WafrImport.Attachment a : result.wafr().attachments()) {
            if (a.path() == null || !Files.isRegularFile(a.path())) {
                throw new IOException("Well-Architected review attachment not found: " + a.source());
            }
            Path att = Files.createDirectories(dir.resolve("attachments"));
            Files.copy(a.path(), att.resolve((++n) + "-" + safe(a.name())));
        }
    }

    /** The template's output written into {@code file} as it is produced (UTF-8, failing on unpaired surrogates). */
    private static void render(String template, Map<String, Object> model, Path file) throws IOException {
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            template(template).execute(model, w);
        } catch (com.samskivert.mustache.MustacheException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static void prepare(Path root) throws IOException {
        if (Files.exists(root)) {
            if (!Files.isRegularFile(root.resolve(MANIFEST))) {
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new IOException("refusing to replace " + root + ": it is not empty and holds no " + MANIFEST
                                + " (not an evidence bundle written by cxscan)");
                    }
                }
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(root);
    }

    static List<Finding> allFindings(ControlView v) {
        List<Finding> all = new ArrayList<>(v.failing());
        all.addAll(v.suppressed());
        all.addAll(v.other());
        return all;
    }

    /**
     * The page's rows for the resources this control judged: where each is stored, and (for a control judging at
     * most {@link #INLINE_EXCERPTS} resources) its data inline, so that a page stays readable and the bundle does not
     * hold every resource once per control.
     */
    private static List<Map<String, Object>> resourceRows(ScanResult result, ControlView v, ResourceFiles files, ObjectMapper json) {
        Set<ResourceRef> refs = new LinkedHashSet<>();
        for (Finding f : allFindings(v)) {
            if (f.resource() != null && files.place(f.resource()) != null) {
                refs.add(f.resource());
            }
        }
        List<ResourceRef> list = List.copyOf(refs);
        boolean inline = list.size() <= INLINE_EXCERPTS;
        // the page's models, each with its excerpt, are made as the page is rendered: held together they were
        // tens of MB of JSON text for a control covering every resource of a large account
        return MappedList.of(list, ref -> {
            ResourceFiles.Place place = files.place(ref);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", "../" + place.file());
            m.put("entry", "resources[" + place.index() + "]");
            m.put("id", ref.displayId() == null ? "" : ref.displayId());
            m.put("type", ref.displayType() == null ? "" : ref.displayType());
            m.put("name", ref.distinctName() == null ? "" : ref.distinctName());
            m.put("location", ref.displayLocation() == null ? "" : ShownPath.location(ref));
            try {
                m.put("excerpt", inline ? json.writeValueAsString(result.resourceData().get(ref)) : "");
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            return m;
        });
    }

    private static List<Map<String, Object>> copyAttachments(ControlView v, Path dir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (v.attested().isEmpty()) {
            return out;
        }
        List<EvidenceFile.Document> docs = v.attested().get().documents();
        for (int i = 0; i < docs.size(); i++) {
            EvidenceFile.Document d = docs.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", d.label());
            if (d.isFile()) {
                if (d.path() == null || !Files.isRegularFile(d.path())) {
                    throw new IOException("evidence document for " + v.id() + " not found: " + d.file());
                }
                Files.createDirectories(dir);
                String name = HtmlReportWriter.attachmentName(i, d);
                Files.copy(d.path(), dir.resolve(name));
                m.put("file", "attachments/" + name);
                m.put("source", d.file());
                m.put("url", "");
            } else {
                m.put("file", "");
                m.put("source", "");
                m.put("url", d.url());
            }
            out.add(m);
        }
        return out;
    }

    private static ObjectNode controlData(ControlView v, ObjectMapper json, List<Map<String, Object>> attachments) {
        ObjectNode c = json.createObjectNode();
        c.put("id", v.id());
        c.put("title", v.control().title());
        c.put("requirement", v.control().requirement());
        c.putPOJO("evidenceRequested", v.control().evidence());
        c.put("status", v.status().name());
        c.putPOJO("counts", v.result().counts());
        c.putPOJO("waiver", v.result().waiver());
        c.putPOJO("checks", v.checks());
        c.putPOJO("manualEvidence", v.control().manualEvidence());
        c.putPOJO("missing", v.missing());
        c.putPOJO("verdict", v.verdict());
        v.attested().ifPresent(e -> {
            ObjectNode a = c.putObject("userEvidence");
            a.put("statement", e.statement());
            a.put("note", "supplied by the user, not verified by cxscan");
            a.putPOJO("documents", attachments);
        });
        return c;
    }

    static String safe(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
        return t.length() > 80 ? t.substring(0, 80) : t;
    }

    private static void zip(Path root, Path zip, Instant time) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            // the overview page first: the entry an archive viewer shows on top
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing((Path p) -> !p.equals(root.resolve("index.html")))
                    .thenComparing(p -> root.relativize(p).toString().replace('\\', '/'))).toList();
        }
        FileTime ft = FileTime.from(time);
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16); ZipOutputStream out = new ZipOutputStream(os, StandardCharsets.UTF_8)) {
            // the fastest level: on a 100 MB bundle of JSON and HTML it is several times quicker than the default
            // and the zip stays a few per cent of the folder (measured: docs/performance.md)
            out.setLevel(java.util.zip.Deflater.BEST_SPEED);
            for (Path p : files) {
                ZipEntry e = new ZipEntry(FOLDER + "/" + root.relativize(p).toString().replace('\\', '/'));
                e.setLastModifiedTime(ft);
                out.putNextEntry(e);
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Template template(String name) {
        try (InputStream in = EvidenceBundleWriter.class.getResourceAsStream(name);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return Mustache.compiler().withEscaper(HtmlReportWriter::escape).strictSections(false).defaultValue("").emptyStringIsFalse(true).compile(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
