package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes template loading the way {@code cxscan template} does it (a {@link TemplateLoader} over one
 * path, then the {@link RuleEngine} with every rule over whatever loaded) with the conformance corpus
 * (420 JSON and YAML templates) mutated: byte flips, truncation, deleted, duplicated and repeated
 * spans, two templates spliced, deep nesting, YAML anchors, aliases, alias bombs and tags, invalid
 * UTF-8, NUL bytes, UTF-16, very long numbers, and values replaced by intrinsic functions (or other
 * values) of any shape. For every input:
 * <ul>
 * <li>nothing escapes but input errors: no exception or error is thrown, no input error is the
 *     loader's catch-all ("cannot load: java.lang...."), no finding is a rule that crashed
 *     ("could not evaluate"), and every input error is one line naming the file;</li>
 * <li>something is said: a template loads, or there is an input error;</li>
 * <li>no hang: each input finishes within {@link #PER_INPUT_SECONDS} s on a worker thread;</li>
 * <li>no memory blow-up: no OutOfMemoryError, and a loaded tree has no more nodes than the file
 *     has bytes plus what {@link ParseLimits#MAX_YAML_ALIAS_EXPANSION} lets aliases add.</li>
 * </ul>
 * Generation is seeded (the {@code seed} of the property), so a failure reproduces; jqwik prints
 * the shrunk input (which mutations of which corpus file), and each input found this way is kept as
 * a regular test: in {@link HostileInputTest}'s corpus (hostile/cases.tsv) or {@link ParseLimitsTest}.
 *
 * <p>Bounded for CI: {@code jqwik.tries.default} tries per property (junit-platform.properties),
 * and all properties together stop doing work after {@code cxscan.fuzz.seconds} (default 45 s; the
 * remaining tries pass without running, and the summary line printed at the end says how many
 * inputs really ran). A longer run, locally:
 * <pre>
 * mvn -B -o -q verify -pl cdk-checks -am -Dtest=TemplateLoaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djqwik.tries.default=50000 -Dcxscan.fuzz.seconds=1800
 * </pre>
 */
class TemplateLoaderFuzzTest {
    static final int PER_INPUT_SECONDS = 5;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("cxscan.fuzz.seconds", 45));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static List<Seed> seeds;
    private static RuleEngine engine;
    private static Path work;
    private static ExecutorService worker;
    private static long started;
    private static final AtomicInteger ran = new AtomicInteger();
    private static final AtomicInteger skipped = new AtomicInteger();
    private static final AtomicInteger loadedCount = new AtomicInteger();
    private static final AtomicInteger caseNumber = new AtomicInteger();

    /** A corpus template: its name (what jqwik prints) and bytes. */
    record Seed(String name, byte[] bytes) {
        boolean yaml() {
            return !name.endsWith(".json");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One change to the bytes; fractions (0..1) place it, so it applies to any input and shrinks to 0. */
    interface Mutation {
        byte[] apply(byte[] in, boolean yaml);
    }

    /** What one try loads: a corpus template with mutations applied in order, named by the path given. */
    record FuzzInput(Seed seed, List<Mutation> mutations, boolean viaFolder, String extension) {
        byte[] bytes() {
            byte[] b = seed.bytes();
            for (Mutation m : mutations) {
                b = m.apply(b, seed.yaml());
            }
            return b;
        }
    }

    @BeforeContainer
    static void setUp() throws Exception {
        Path root = Path.of(TemplateLoaderFuzzTest.class.getClassLoader().getResource("conformance/templates").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> paths = files.filter(Files::isRegularFile).sorted().toList();
            seeds = new ArrayList<>();
            for (Path p : paths) {
                seeds.add(new Seed(root.relativize(p).toString(), Files.readAllBytes(p)));
            }
        }
        engine = RuleEngine.withAllRules();
        work = Files.createTempDirectory("cxscan-fuzz");
        worker = newWorker();
        started = System.nanoTime();
    }

    @AfterContainer
    static void tearDown() throws IOException {
        worker.shutdownNow();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf("template loader fuzz: %d inputs in %.1f s (%d loaded a template, the rest were input errors),"
                        + " %d tries skipped after the %d s budget%n", ran.get(), (System.nanoTime() - started) / 1e9,
                loadedCount.get(), skipped.get(), TimeUnit.NANOSECONDS.toSeconds(BUDGET_NANOS));
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cxscan-fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    // ---------------------------------------------------------------- the properties

    @Property(seed = "7715")
    void mutatedTemplatesLoadOrGiveOneLineInputErrors(@ForAll("mutatedTemplates") FuzzInput input) throws Exception {
        if (System.nanoTime() - started > BUDGET_NANOS) {
            skipped.incrementAndGet();
            return;
        }
        ran.incrementAndGet();
        byte[] bytes = input.bytes();
        Path dir = Files.createDirectories(work.resolve("c" + caseNumber.incrementAndGet()));
        Path file = Files.write(dir.resolve("t." + input.extension()), bytes);
        Path given = input.viaFolder() ? dir : file;
        Diagnostics diagnostics = new Diagnostics();
        Future<List<Finding>> run = worker.submit(() -> {
            List<Template> loaded = new TemplateLoader(diagnostics).load(List.of(given));
            List<Finding> findings = new ArrayList<>();
            for (Template t : loaded) {
                long nodes = countNodes(t.root());
                if (nodes > bytes.length + ParseLimits.MAX_YAML_ALIAS_EXPANSION) {
                    throw new AssertionError("a " + bytes.length + "-byte file loaded as " + nodes + " nodes");
                }
                findings.addAll(engine.evaluate(t.resourceSet(), diagnostics));
            }
            if (!loaded.isEmpty()) {
                loadedCount.incrementAndGet();
            }
            if (loaded.isEmpty() && !diagnostics.hasInputErrors()) {
                throw new AssertionError("nothing loaded and no input error");
            }
            return findings;
        });
        List<Finding> findings;
        try {
            findings = run.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is a daemon: it cannot hold up the build
            throw new AssertionError("no result within " + PER_INPUT_SECONDS + " s: a hang (" + bytes.length + " bytes)");
        } catch (ExecutionException e) {
            throw new AssertionError("escaped the loader: " + e.getCause(), e.getCause());
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
        for (Diagnostics.InputError error : diagnostics.inputErrors()) {
            String m = error.message();
            if (m.contains("\n") || m.contains("\r") || m.startsWith("cannot load:") || m.contains("Exception")
                    || m.contains("interrupted")) {
                throw new AssertionError("not a clean one-line input error: " + error);
            }
            if (!error.file().equals(file.toString()) && !error.file().equals(dir.toString())) {
                throw new AssertionError("input error names another file: " + error);
            }
        }
        for (Finding f : findings) {
            if (f.status() == Status.ERROR && (f.message().contains("could not evaluate") || f.message().contains("no verdict"))) {
                throw new AssertionError("a rule crashed: " + f.check() + ": " + f.message());
            }
        }
    }

    private static long countNodes(JsonNode node) {
        long n = 1;
        for (JsonNode child : node) {
            n += countNodes(child);
        }
        return n;
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<FuzzInput> mutatedTemplates() {
        Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, byteFlip()),
                net.jqwik.api.Tuple.of(3, truncate()),
                net.jqwik.api.Tuple.of(4, deleteSpan()),
                net.jqwik.api.Tuple.of(4, duplicateSpan()),
                net.jqwik.api.Tuple.of(2, repeatSpan()),
                net.jqwik.api.Tuple.of(3, splice()),
                net.jqwik.api.Tuple.of(3, deepNesting()),
                net.jqwik.api.Tuple.of(3, yamlAnchorAndAlias()),
                net.jqwik.api.Tuple.of(2, aliasBomb()),
                net.jqwik.api.Tuple.of(3, yamlTag()),
                net.jqwik.api.Tuple.of(3, invalidUtf8()),
                net.jqwik.api.Tuple.of(1, nulByte()),
                net.jqwik.api.Tuple.of(1, utf16()),
                net.jqwik.api.Tuple.of(3, longNumber()),
                net.jqwik.api.Tuple.of(12, replaceValue()));
        return Combinators.combine(
                Arbitraries.of(seeds),
                mutation.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(false, false, true),
                Arbitraries.of("json", "yaml", "template"))
                .as(FuzzInput::new);
    }

    private static Arbitrary<Double> at() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static int index(double fraction, int length) {
        return Math.min(length, (int) (fraction * length));
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    /** Where a value starts: right after a randomly chosen ": " (YAML and JSON alike), else {@code at}. */
    private static int valueStart(byte[] in, double fraction) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == ':' && in[i + 1] == ' ') {
                starts.add(i + 2);
            }
        }
        return starts.isEmpty() ? index(fraction, in.length) : starts.get(index(fraction, starts.size() - 1));
    }

    private static Arbitrary<Mutation> byteFlip() {
        return Combinators.combine(at(), Arbitraries.integers().between(0, 255)).as((f, b) -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                if (in.length == 0) {
                    return in;
                }
                byte[] out = in.clone();
                out[Math.min(in.length - 1, index(f, in.length))] = (byte) (int) b;
                return out;
            }

            public String toString() {
                return "byte at " + f + " := " + b;
            }
        });
    }

    private static Arbitrary<Mutation> truncate() {
        return at().map(f -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                return Arrays.copyOf(in, index(f, in.length));
            }

            public String toString() {
                return "truncate at " + f;
            }
        });
    }

    private static Arbitrary<Mutation> deleteSpan() {
        return Combinators.combine(at(), Arbitraries.integers().between(1, 400)).as((f, len) -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                int from = index(f, in.length);
                int to = Math.min(in.length, from + len);
                byte[] out = new byte[in.length - (to - from)];
                System.arraycopy(in, 0, out, 0, from);
                System.arraycopy(in, to, out, from, in.length - to);
                return out;
            }

            public String toString() {
                return "delete " + len + " bytes at " + f;
            }
        });
    }

    private static Arbitrary<Mutation> duplicateSpan() {
        return Combinators.combine(at(), Arbitraries.integers().between(1, 400), at()).as((f, len, to) -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                int from = index(f, in.length);
                byte[] span = Arrays.copyOfRange(in, from, Math.min(in.length, from + len));
                return insert(in, index(to, in.length), span);
            }

            public String toString() {
                return "copy " + len + " bytes at " + f + " to " + to;
            }
        });
    }

    /** A short span repeated many times: long strings, long lines, many keys. */
    private static Arbitrary<Mutation> repeatSpan() {
        return Combinators.combine(at(), Arbitraries.integers().between(1, 6), Arbitraries.integers().between(2, 200_000).withDistribution(RandomDistribution.uniform()))
                .as((f, len, times) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        int from = index(f, in.length);
                        byte[] span = Arrays.copyOfRange(in, from, Math.min(in.length, from + len));
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        for (int i = 0; i < times; i++) {
                            out.writeBytes(span);
                        }
                        return insert(in, from, out.toByteArray());
                    }

                    public String toString() {
                        return "repeat " + len + " bytes at " + f + " " + times + " times";
                    }
                });
    }

    private Arbitrary<Mutation> splice() {
        return Combinators.combine(Arbitraries.of(seeds), at(), at()).as((other, cut, otherCut) -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                byte[] b = other.bytes();
                int a = index(cut, in.length);
                int c = index(otherCut, b.length);
                byte[] out = Arrays.copyOf(in, a + b.length - c);
                System.arraycopy(b, c, out, a, b.length - c);
                return out;
            }

            public String toString() {
                return "head to " + cut + " + " + other + " from " + otherCut;
            }
        });
    }

    private static Arbitrary<Mutation> deepNesting() {
        return Combinators.combine(at(), Arbitraries.integers().between(300, 12_000).withDistribution(RandomDistribution.uniform()), Arbitraries.of("[", "{\"a\": ", "- ", "{a: ", "!Ref "))
                .as((f, depth, opener) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        String closer = opener.equals("[") ? "]" : opener.startsWith("{") ? "}" : "";
                        String nest = opener.repeat(depth) + "1" + closer.repeat(depth);
                        return insert(in, valueStart(in, f), nest.getBytes(StandardCharsets.UTF_8));
                    }

                    public String toString() {
                        return depth + " x '" + opener + "' at value " + f;
                    }
                });
    }

    private static Arbitrary<Mutation> yamlAnchorAndAlias() {
        return Combinators.combine(at(), at(), Arbitraries.of("&a ", "*a", "&a", "*a ", "<<: *a\n", "&a [*a]", "? *a : 1"))
                .as((f, g, what) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        byte[] anchored = insert(in, valueStart(in, f), "&a ".getBytes(StandardCharsets.UTF_8));
                        return insert(anchored, valueStart(anchored, g), what.getBytes(StandardCharsets.UTF_8));
                    }

                    public String toString() {
                        return "anchor at value " + f + ", '" + what + "' at value " + g;
                    }
                });
    }

    /** The template as YAML with a top-level key whose value is a tree of aliases: levels x width. */
    private static Arbitrary<Mutation> aliasBomb() {
        return Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 12))
                .as((levels, width) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        StringBuilder bomb = new StringBuilder("Lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                        for (int l = 1; l <= levels; l++) {
                            bomb.append("Lol").append(l).append(": &l").append(l).append(" [")
                                    .append(String.join(", ", java.util.Collections.nCopies(width, "*l" + (l - 1)))).append("]\n");
                        }
                        return (bomb + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    }

                    public String toString() {
                        return "alias bomb " + levels + " levels of " + width;
                    }
                });
    }

    private static Arbitrary<Mutation> yamlTag() {
        return Combinators.combine(at(), Arbitraries.of("!Ref ", "!GetAtt ", "!If ", "!Sub ", "!Join ", "!Select ", "!FindInMap ",
                "!Condition ", "!Cidr ", "!!binary ", "!!python/object:os.system ", "!<tag:yaml.org,2002:str> ", "! ",
                "!!set ", "!!omap ", "!!timestamp ", "!!float ", "!!int ", "!!null ", "!!bool ", "!!map ", "!!seq ", "!Foo ",
                "!!merge ", "!!javax.script.ScriptEngineManager "))
                .as((f, tag) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        return insert(in, valueStart(in, f), tag.getBytes(StandardCharsets.UTF_8));
                    }

                    public String toString() {
                        return "tag '" + tag + "' at value " + f;
                    }
                });
    }

    private static Arbitrary<Mutation> invalidUtf8() {
        List<byte[]> bad = List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        return Combinators.combine(at(), Arbitraries.integers().between(0, bad.size() - 1)).as((f, which) -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                return insert(in, index(f, in.length), bad.get(which));
            }

            public String toString() {
                return "bytes " + Arrays.toString(bad.get(which)) + " at " + f;
            }
        });
    }

    private static Arbitrary<Mutation> nulByte() {
        return at().map(f -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                return insert(in, index(f, in.length), new byte[] {0});
            }

            public String toString() {
                return "NUL at " + f;
            }
        });
    }

    private static Arbitrary<Mutation> utf16() {
        return Arbitraries.of("UTF-16LE", "UTF-16BE", "BOM+UTF-16LE", "BOM+UTF-16BE").map(how -> new Mutation() {
            public byte[] apply(byte[] in, boolean yaml) {
                boolean bom = how.startsWith("BOM+");
                String charset = bom ? how.substring(4) : how;
                String text = (bom ? "\uFEFF" : "") + new String(in, StandardCharsets.UTF_8);
                return text.getBytes(java.nio.charset.Charset.forName(charset));
            }

            public String toString() {
                return "as " + how;
            }
        });
    }

    private static Arbitrary<Mutation> longNumber() {
        return Combinators.combine(at(), Arbitraries.integers().between(100, 2_000_000).withDistribution(RandomDistribution.uniform()), Arbitraries.of("", "-", "0x", "1.", "1e"))
                .as((f, digits, prefix) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        byte[] number = new byte[prefix.length() + digits];
                        Arrays.fill(number, (byte) '7');
                        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, number, 0, prefix.length());
                        int start = valueStart(in, f);
                        int end = start;
                        while (end < in.length && in[end] != '\n' && in[end] != ',' && in[end] != '}' && in[end] != ']') {
                            end++;
                        }
                        byte[] cut = new byte[in.length - (end - start)];
                        System.arraycopy(in, 0, cut, 0, start);
                        System.arraycopy(in, end, cut, start, in.length - end);
                        return insert(cut, start, number);
                    }

                    public String toString() {
                        return prefix + digits + "-digit number at value " + f;
                    }
                });
    }

    /**
     * A node of the parsed template (one in four times under a resource's Properties) replaced by a
     * generated value, mostly intrinsic functions of any shape; written back as JSON or YAML. Input
     * that no longer parses is left as it is.
     */
    private static Arbitrary<Mutation> replaceValue() {
        return Combinators.combine(at(), values(3), Arbitraries.of(false, false, false, true))
                .as((f, value, inProperties) -> new Mutation() {
                    public byte[] apply(byte[] in, boolean yaml) {
                        ObjectNode root;
                        try {
                            root = TemplateParser.parseDocument(in).root();
                        } catch (TemplateFormatException | RuntimeException e) {
                            return in;
                        }
                        JsonNode scope = inProperties ? firstProperties(root) : root;
                        List<JsonNode> containers = new ArrayList<>();
                        collectContainers(scope == null ? root : scope, containers);
                        JsonNode target = containers.get(Math.min(containers.size() - 1, index(f, containers.size())));
                        if (target instanceof ObjectNode o && o.size() > 0) {
                            List<String> names = new ArrayList<>();
                            o.fieldNames().forEachRemaining(names::add);
                            o.set(names.get(index(f * 7 % 1, names.size() - 1)), value);
                        } else if (target instanceof ArrayNode a && a.size() > 0) {
                            a.set(index(f * 7 % 1, a.size() - 1), value);
                        } else if (target instanceof ObjectNode o) {
                            o.set("X", value);
                        } else if (target instanceof ArrayNode a) {
                            a.add(value);
                        }
                        try {
                            return yaml ? YAML.writeValueAsBytes(root) : JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
                        } catch (IOException | RuntimeException e) {
                            return in;
                        }
                    }

                    public String toString() {
                        return (inProperties ? "a Properties node" : "a node") + " at " + f + " := " + value;
                    }
                });
    }

    private static JsonNode firstProperties(ObjectNode root) {
        for (JsonNode r : root.path("Resources")) {
            if (r.path("Properties").isContainerNode()) {
                return r.get("Properties");
            }
        }
        return null;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                collectContainers(child, out);
            }
        }
    }

    private static final List<String> FUNCTIONS = List.of("Ref", "Fn::If", "Fn::GetAtt", "Fn::Join", "Fn::Select",
            "Fn::Split", "Fn::FindInMap", "Fn::Sub", "Fn::Cidr", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or",
            "Fn::Base64", "Fn::GetAZs", "Fn::ImportValue", "Condition", "Fn::Transform", "Fn::Length", "Fn::ToJsonString");

    /** Any JSON value, intrinsic functions with arguments of any shape most of all, nested up to {@code depth}. */
    static Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.of("", "true", "false", "AWS::NoValue", "AWS::Region", "Bucket", "Bucket.Arn", "${Bucket}",
                        "${AWS::Region}-${Missing.Arn}", "${!Literal}", "arn:aws:s3:::b", "*", "0", "-1", "aws:kms", "AES256",
                        "Enabled", "Disabled").map(F::textNode),
                Arbitraries.integers().between(-2, 70000).map(i -> (JsonNode) F.numberNode(i)),
                Arbitraries.of(F.booleanNode(true), F.booleanNode(false), F.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<JsonNode> list = child.list().ofMaxSize(5).map(items -> {
            ArrayNode a = F.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> mapping = Combinators.combine(Arbitraries.of("Ref", "Fn::If", "Status", "Enabled", "Key", "Value",
                        "SSEAlgorithm", "Condition", "Effect", "Principal", "Action", "Resource"), child, child.list().ofMaxSize(2))
                .as((k, v, more) -> {
                    ObjectNode o = F.objectNode();
                    o.set(k, v);
                    for (int i = 0; i < more.size(); i++) {
                        o.set("K" + i, more.get(i));
                    }
                    return o;
                });
        Arbitrary<JsonNode> function = Combinators.combine(Arbitraries.of(FUNCTIONS), Arbitraries.oneOf(list, child))
                .as((name, arg) -> {
                    ObjectNode o = F.objectNode();
                    o.set(name, arg);
                    return o;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalars),
                net.jqwik.api.Tuple.of(2, list),
                net.jqwik.api.Tuple.of(2, mapping),
                net.jqwik.api.Tuple.of(6, function));
    }
}
