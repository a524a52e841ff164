package dev.cxscan.checks.template;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes template loading the way {@code cxscan template} does it (a {@link TemplateLoader} over one
 * path, then the {@link RuleEngine} with every rule over whatever loaded) with Jazzer. For every input:
 * <ul>
 * <li>nothing escapes but input errors: no exception or error is thrown, no input error is the
 *     loader's catch-all ("cannot load: java.lang...."), no finding is a rule that crashed
 *     ("could not evaluate"), and every input error is one line naming the file;</li>
 * <li>something is said: a template loads, or there is an input error;</li>
 * <li>no hang: each load finishes on a worker thread within {@link #PER_INPUT_SECONDS} s plus
 *     {@link #SECONDS_PER_MB} s per MB of input;</li>
 * <li>no memory blow-up: no OutOfMemoryError, and a loaded tree has no more nodes than the file
 *     has bytes plus what {@link ParseLimits#MAX_YAML_ALIAS_EXPANSION} lets aliases add.</li>
 * </ul>
 * Two fuzz tests: {@link #loaderNeverEscapes} takes the file's bytes, seeded with the conformance
 * corpus (420 JSON and YAML templates) and the hostile corpus, each loaded as a file named on the
 * command line and as a file found in a folder; {@link #structuredMutationsNeverEscape} picks a
 * corpus template and applies {@link TemplateMutations} (deep nesting, aliases, tags, intrinsic
 * functions of any shape, ...), which a byte-level fuzzer finds slowly.
 *
 * <p>Regression mode (any run without {@code JAZZER_FUZZ}) runs each on its seeds: every corpus file
 * for the first; for both, the inputs kept in the test resources under
 * {@code dev/cxscan/checks/template/TemplateLoaderFuzzTestInputs/<test>/}, where Jazzer also writes the
 * input of a finding (commit it once the loader is fixed). The second starts from 24 inputs of 512
 * random bytes there (Python's random, seed 7715), which between them apply every kind of change,
 * and from its first finding, alias-bomb-expanded-18mb (an alias bomb expanded into 18 MB of YAML,
 * over the old flat 10 s bound when instrumented: the bound now grows with the input's size).
 * Fuzzing mode ({@code JAZZER_FUZZ=1}) runs the same seeds, then mutates them, steered by coverage of
 * cxscan, Jackson and SnakeYAML. {@code mvn verify} fuzzes each test for 30 s (the {@code fuzz} profile
 * of cdk-checks' pom: one surefire execution per test, as Jazzer fuzzes one test per JVM); a longer
 * session: {@code bench/run-fuzz.sh bytes|structured DURATION}.
 */
class TemplateLoaderFuzzTest {
    /**
     * A hang is time out of proportion to the input: more than this, plus {@link #SECONDS_PER_MB} per MB.
     * Generous, as a busy 2-core machine runs the coverage-instrumented parsers several times slower.
     */
    static final int PER_INPUT_SECONDS = 10;
    /** The loader reads YAML at about 6 MB/s (18 MB of expanded alias bomb: 3 s), 2 MB/s or less instrumented. */
    static final int SECONDS_PER_MB = 2;

    private static List<Seed> seeds;
    private static RuleEngine engine;
    private static Path work;
    private static ExecutorService worker;
    private static long started;
    private static final AtomicLong loads = new AtomicLong();
    private static final AtomicLong loaded = new AtomicLong();
    private static final AtomicLong caseNumber = new AtomicLong();

    /** A corpus file: its name (relative to its corpus) and bytes. */
    record Seed(String name, byte[] bytes) {
        boolean yaml() {
            return !name.endsWith(".json");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        seeds = corpusFiles();
        engine = RuleEngine.withAllRules();
        work = Files.createTempDirectory("cxscan-fuzz");
        worker = newWorker();
        // loads (and, when fuzzing, instruments) the loader's, parsers' and rules' classes before any input is timed
        for (boolean yaml : new boolean[] {false, true}) {
            Seed seed = seeds.stream().filter(x -> x.yaml() == yaml).findFirst().orElseThrow();
            Path file = Files.write(work.resolve("warm-up.json"), seed.bytes());
            Diagnostics diagnostics = new Diagnostics();
            for (Template t : new TemplateLoader(diagnostics).load(List.of(file))) {
                engine.evaluate(t.resourceSet(), diagnostics);
            }
            Files.delete(file);
        }
        started = System.nanoTime();
    }

    @AfterAll
    static void tearDown() throws IOException {
        worker.shutdownNow();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        System.out.printf("template loader fuzz: %d loads in %.1f s (%d loaded a template, the rest were input errors)%n",
                loads.get(), (System.nanoTime() - started) / 1e9, loaded.get());
    }

    /** The conformance templates, then the hostile inputs that are single files. */
    static List<Seed> corpusFiles() throws IOException, URISyntaxException {
        List<Seed> out = new ArrayList<>();
        for (String corpus : List.of("conformance/templates", "hostile")) {
            Path root = Path.of(TemplateLoaderFuzzTest.class.getClassLoader().getResource(corpus).toURI());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).filter(p -> TemplateLoader.mayBeTemplate(p.getFileName().toString()))
                        .sorted().toList()) {
                    out.add(new Seed(corpus + "/" + root.relativize(p), Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /** Seeds of {@link #loaderNeverEscapes}: run one by one in regression mode, mutated when fuzzing. */
    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        return corpusFiles().stream().map(s -> Arguments.of(Named.of(s.name(), s.bytes())));
    }

    // ---------------------------------------------------------------- the fuzz tests

    @MethodSource("corpus")
    @FuzzTest(maxDuration = "30s")
    void loaderNeverEscapes(byte[] template) throws Exception {
        check(template, false, "");
        check(template, true, "");
    }

    @FuzzTest(maxDuration = "30s")
    void structuredMutationsNeverEscape(FuzzedDataProvider data) throws Exception {
        Seed seed = seeds.get(data.consumeInt(0, seeds.size() - 1));
        List<String> log = new ArrayList<>();
        byte[] bytes = seed.bytes();
        for (int i = data.consumeInt(1, 3); i > 0; i--) {
            bytes = TemplateMutations.apply(bytes, seed.yaml(), data, log);
        }
        boolean viaFolder = data.consumeBoolean();
        check(bytes, viaFolder, seed + " with " + log);
    }

    // ---------------------------------------------------------------- the properties

    /** Loads {@code bytes} as a file given on the command line, or found in a given folder, and checks every property. */
    private static void check(byte[] bytes, boolean viaFolder, String what) throws Exception {
        loads.incrementAndGet();
        String input = bytes.length + " bytes" + (viaFolder ? " in a folder" : "") + (what.isEmpty() ? "" : ", " + what);
        Path dir = Files.createDirectories(work.resolve("c" + caseNumber.incrementAndGet()));
        Path file = Files.write(dir.resolve("template.json"), bytes);
        Path given = viaFolder ? dir : file;
        Diagnostics diagnostics = new Diagnostics();
        Future<List<Finding>> run = worker.submit(() -> {
            List<Template> templates = new TemplateLoader(diagnostics).load(List.of(given));
            List<Finding> findings = new ArrayList<>();
            for (Template t : templates) {
                long nodes = countNodes(t.root());
                if (nodes > bytes.length + ParseLimits.MAX_YAML_ALIAS_EXPANSION) {
                    throw new AssertionError("a " + bytes.length + "-byte file loaded as " + nodes + " nodes");
                }
                findings.addAll(engine.evaluate(t.resourceSet(), diagnostics));
            }
            if (!templates.isEmpty()) {
                loaded.incrementAndGet();
            }
            if (templates.isEmpty() && !diagnostics.hasInputErrors()) {
                throw new AssertionError("nothing loaded and no input error");
            }
            return findings;
        });
        List<Finding> findings;
        long bound = PER_INPUT_SECONDS + (long) SECONDS_PER_MB * bytes.length / (1024 * 1024);
        try {
            findings = run.get(bound, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is a daemon: it cannot hold up the build
            throw new AssertionError("no result within " + bound + " s, a hang: " + input);
        } catch (ExecutionException e) {
            throw new AssertionError("escaped the loader: " + e.getCause() + ": " + input, e.getCause());
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
        for (Diagnostics.InputError error : diagnostics.inputErrors()) {
            String m = error.message();
            // a quoted token is the input's own text (Jackson quotes the bad token: 'Exception' is a fuzzed word,
            // not a leaked exception name), so only the message's own words are searched for exception names
            String ownWords = m.replaceAll("'[^'\n\r]*'", "''");
            if (m.contains("\n") || m.contains("\r") || m.startsWith("cannot load:") || ownWords.contains("Exception")
                    || ownWords.contains("interrupted")) {
                throw new AssertionError("not a clean one-line input error: " + error + ": " + input);
            }
            if (!error.file().equals(file.toString()) && !error.file().equals(dir.toString())) {
                throw new AssertionError("input error names another file: " + error + ": " + input);
            }
        }
        for (Finding f : findings) {
            if (f.status() == Status.ERROR && (f.message().contains("could not evaluate") || f.message().contains("no verdict"))) {
                throw new AssertionError("a rule crashed: " + f.check() + ": " + f.message() + ": " + input);
            }
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cxscan-fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    private static long countNodes(JsonNode node) {
        long n = 1;
        for (JsonNode child : node) {
            n += countNodes(child);
        }
        return n;
    }
}
