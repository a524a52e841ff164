package dev.cxscan.scanner.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.reports.ResourceRef;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The folder of {@code cxscan account --resume DIR}: one file per part of a live scan (one probe in one region, or
 * one GLOBAL probe) holding what that part read (resources, facts, probe errors), written as soon as the part
 * completes, so a scan that dies midway can be resumed and read only what is missing.
 *
 * <p>On disk: {@code manifest.json} (format version, cxscan version, account id, when the folder was started) and
 * {@code part-REGION-SERVICE.json} per completed part. Every file is written to a temporary file and moved into
 * place atomically, so a killed scan never leaves a half-written file under a part's name. A part that recorded a
 * {@link ProbeError}, or that cannot be read back (truncated, edited, another format), is not trusted: it is
 * read again from the account, and overwritten.
 */
public final class ScanCheckpoint {
    /**
     * Version of the files' layout; a folder written in another one is not reused. 2: a resource's location holds
     * its name and tags (a part of version 1 would give findings without them, so it is read again).
     */
    public static final int FORMAT_VERSION = 2;
    static final String MANIFEST = "manifest.json";
    private static final String PART_PREFIX = "part-";
    private static final String TMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The folder cannot be used for this scan (another account, not a checkpoint folder, not writable). */
    public static final class CheckpointException extends Exception {
        CheckpointException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Instant started;
    private final Consumer<String> warnings;
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger saved = new AtomicInteger();
    private volatile boolean saveFailed;

    private ScanCheckpoint(Path dir, Instant started, Consumer<String> warnings) {
        this.dir = dir;
        this.started = started;
        this.warnings = warnings;
    }

    /**
     * Opens (creating it if absent) the checkpoint folder of a scan of {@code accountId}.
     *
     * @param warnings where to say what is not reused and why (a part written by another cxscan version ...)
     * @throws CheckpointException when the folder holds a scan of another account, has an unreadable manifest,
     *                             or cannot be created or written
     */
    public static ScanCheckpoint open(Path dir, String accountId, String version, Consumer<String> warnings)
            throws CheckpointException {
        Objects.requireNonNull(accountId, "accountId");
        Path manifest = dir.resolve(MANIFEST);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CheckpointException("cannot create the --resume folder " + dir + " (" + describe(e)
                    + "): give a folder you can write to");
        }
        deleteStale(dir, TMP_PREFIX + "*.json"); // left by a scan killed while writing a part: never trusted
        Instant started = Instant.now();
        if (Files.exists(manifest)) {
            JsonNode m;
            try {
                m = JSON.readTree(manifest.toFile());
            } catch (IOException e) {
                throw new CheckpointException("the --resume folder " + dir + " has an unreadable " + MANIFEST + " ("
                        + describe(e) + "): give a fresh folder to start a new scan");
            }
            if (m == null || !m.isObject()) {
                throw new CheckpointException("the --resume folder " + dir + " has an unreadable " + MANIFEST
                        + " (not a JSON object): give a fresh folder to start a new scan");
            }
            String account = m.path("account").asText("");
            if (!account.equals(accountId)) {
                throw new CheckpointException("the --resume folder " + dir + " holds a scan of account "
                        + (account.isEmpty() ? "(unknown)" : account) + ", not of " + accountId
                        + ": give a fresh folder to scan this account");
            }
            int format = m.path("formatVersion").asInt(-1);
            String madeBy = m.path("cxscanVersion").asText("");
            if (format == FORMAT_VERSION && madeBy.equals(version)) {
                started = parseInstant(m.path("startedAt").asText(null)).orElse(started);
                return new ScanCheckpoint(dir, started, warnings);
            }
            warnings.accept("the --resume folder " + dir + " was written by cxscan " + madeBy + " (format " + format
                    + "), this is " + version + " (format " + FORMAT_VERSION + "): its parts are read again");
            deleteStale(dir, PART_PREFIX + "*.json");
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("formatVersion", FORMAT_VERSION);
        m.put("cxscanVersion", version);
        m.put("account", accountId);
        m.put("startedAt", started.toString());
        try {
            writeAtomically(manifest, m);
        } catch (IOException e) {
            throw new CheckpointException("cannot write to the --resume folder " + dir + " (" + describe(e)
                    + "): give a folder you can write to");
        }
        return new ScanCheckpoint(dir, started, warnings);
    }

    public Path dir() {
        return dir;
    }

    /** When the first scan writing into this folder started: the age of the reused parts. */
    public Instant started() {
        return started;
    }

    /** Parts loaded instead of read. */
    public int reused() {
        return reused.get();
    }

    /** Parts found in the folder but read again: they recorded an error, or could not be read back. */
    public int retried() {
        return retried.get();
    }

    /** Parts written by this run. */
    public int saved() {
        return saved.get();
    }

    /**
     * What part ({@code service}, {@code region}) read in an earlier run, if it is in the folder, is readable and
     * recorded no error; otherwise empty (and the part is to be read from the account).
     */
    public Optional<LiveInventory> load(String service, String region) {
        Path file = partFile(service, region);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode part = JSON.readTree(file.toFile());
            LiveInventory inventory = parse(part, service, region);
            if (!inventory.errors().isEmpty()) {
                retried.incrementAndGet();
                return Optional.empty();
            }
            reused.incrementAndGet();
            return Optional.of(inventory);
        } catch (IOException | RuntimeException e) {
            retried.incrementAndGet();
            warnings.accept("the saved part " + file + " cannot be read (" + describe(e) + "): " + service + " in "
                    + region + " is read again");
            return Optional.empty();
        }
    }

    /**
     * Writes what part ({@code service}, {@code region}) read. A part that cannot be written costs only its
     * reuse: the scan goes on (the first failure is reported, the others not).
     */
    public void save(String service, String region, LiveInventory part) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("service", service);
        root.put("region", region);
        root.put("completedAt", Instant.now().toString());
        ObjectNode resources = root.putObject("resources");
        part.resourcesByRegion().forEach((where, list) -> {
            ArrayNode out = resources.putArray(where);
            for (Resource r : list) {
                ObjectNode n = out.addObject();
                n.set("location", JSON.valueToTree(r.location()));
                n.set("definition", r.definition());
            }
        });
        ObjectNode facts = root.putObject("facts");
        new TreeMap<>(part.facts()).forEach(facts::set);
        root.set("errors", JSON.valueToTree(part.errors()));
        try {
            writeAtomically(partFile(service, region), root);
            saved.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            if (!saveFailed) {
                saveFailed = true;
                warnings.accept("cannot save " + service + " in " + region + " to " + dir + " (" + describe(e)
                        + "): a resumed scan will read it again");
            }
        }
    }

    private static LiveInventory parse(JsonNode part, String service, String region) throws JsonProcessingException {
        if (part == null || !part.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (part.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new IllegalArgumentException("format " + part.path("formatVersion") + ", expected " + FORMAT_VERSION);
        }
        if (!service.equals(part.path("service").asText()) || !region.equals(part.path("region").asText())) {
            throw new IllegalArgumentException("it holds " + part.path("service").asText() + " in "
                    + part.path("region").asText());
        }
        LiveInventory out = new LiveInventory();
        for (Map.Entry<String, JsonNode> byRegion : fields(part, "resources")) {
            if (!byRegion.getValue().isArray()) {
                throw new IllegalArgumentException("resources of " + byRegion.getKey() + " are not a list");
            }
            for (JsonNode n : byRegion.getValue()) {
                ResourceRef where = JSON.treeToValue(required(n, "location"), ResourceRef.class);
                JsonNode definition = required(n, "definition");
                if (!definition.isObject() || where.type() == null || where.id() == null) {
                    throw new IllegalArgumentException("a resource without type, id or definition");
                }
                out.add(byRegion.getKey(), new Resource(where.type(), where.id(), (ObjectNode) definition, where));
            }
        }
        for (Map.Entry<String, JsonNode> fact : fields(part, "facts")) {
            out.fact(fact.getKey(), fact.getValue());
        }
        JsonNode errors = required(part, "errors");
        if (!errors.isArray()) {
            throw new IllegalArgumentException("errors are not a list");
        }
        for (JsonNode e : errors) {
            out.error(JSON.treeToValue(e, ProbeError.class));
        }
        return out;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode part, String name) {
        JsonNode node = required(part, name);
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " is not an object");
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        node.fields().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("no " + name);
        }
        return n;
    }

    /** part-REGION-SERVICE.json, e.g. part-us-east-1-ec2.json, part-global-iam.json. */
    Path partFile(String service, String region) {
        return dir.resolve(PART_PREFIX + safe(region) + "-" + safe(service) + ".json");
    }

    private static String safe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "_");
    }

    /** Writes a temporary file beside {@code target}, then renames it over {@code target} in one step. */
    private static void writeAtomically(Path target, JsonNode content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), TMP_PREFIX, ".json");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic rename: a reader still sees the old or the new file, the part
                // file is validated when read back
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteStale(Path dir, String glob) throws CheckpointException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, glob)) {
            for (Path p : parts) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot clear the --resume folder " + dir + " (" + describe(e)
                    + "): give a fresh folder");
        }
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String describe(Exception e) {
        String msg = e.getMessage();
        if (msg != null) {
            msg = msg.lines().findFirst().orElse("");
        }
        return e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
