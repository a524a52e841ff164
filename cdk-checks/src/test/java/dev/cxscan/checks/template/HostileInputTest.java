package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.RuleEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of hostile inputs (src/test/resources/hostile): each file or folder listed in
 * {@code hostile/cases.tsv} with the templates it yields and the one diagnostic line it must give
 * (the line {@code cxscan template} prints after "cxscan: "). Each is loaded next to a good template,
 * which must still load, within a generous time bound. The scanner's CLI test runs the same list.
 *
 * <p>cases.tsv: {@code input <TAB> templates loaded <TAB> "error: " or "warning: " line, or "-"},
 * paths relative to the corpus folder. A folder may hold a links.txt ("name -> target" per line):
 * the symbolic links are made when the case is copied, so that the repository holds no link loop.
 */
class HostileInputTest {
    /** One corpus entry. */
    record Case(String input, int templates, String diagnostic) {
        @Override
        public String toString() {
            return input;
        }
    }

    @TempDir
    Path tmp;

    static List<Case> cases() throws IOException, URISyntaxException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(corpus().resolve("cases.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            cases.add(new Case(f[0], Integer.parseInt(f[1]), f[2]));
        }
        return cases;
    }

    static Path corpus() throws URISyntaxException {
        return Path.of(HostileInputTest.class.getClassLoader().getResource("hostile").toURI());
    }

    /** Copies a corpus entry into {@code dir} (making the links its links.txt names); returns the copy. */
    static Path copy(Path corpus, String input, Path dir) throws IOException {
        Path from = corpus.resolve(input);
        Path to = dir.resolve(input);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.getFileName().toString().equals("links.txt")) {
                    for (String link : Files.readAllLines(p)) {
                        String[] parts = link.split(" -> ");
                        Files.createSymbolicLink(target.resolveSibling(parts[0]), Path.of(parts[1]));
                    }
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileInputGivesItsOneLineDiagnosticAndTheOtherInputsStillLoad(Case c) throws Exception {
        Path input = copy(corpus(), c.input(), tmp);
        Path good = Files.writeString(tmp.resolve("good.yaml"), "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        Diagnostics diagnostics = new Diagnostics();
        List<Template> loaded = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<Template> templates = new TemplateLoader(diagnostics).load(List.of(input, good));
            RuleEngine engine = RuleEngine.withAllRules();
            templates.forEach(t -> engine.evaluate(t.resourceSet(), diagnostics));
            return templates;
        });
        List<String> lines = new ArrayList<>();
        diagnostics.inputErrors().forEach(e -> lines.add("error: " + e));
        diagnostics.warnings().forEach(w -> lines.add("warning: " + w));
        List<String> relative = lines.stream().map(l -> l.replace(tmp + "/", "")).toList();
        assertEquals(c.diagnostic().equals("-") ? List.of() : List.of(c.diagnostic()), relative);
        assertEquals(c.templates() + 1, loaded.size(), "templates loaded, the good one included");
        assertEquals(good.toString(), loaded.get(loaded.size() - 1).path());
    }

    @Test
    void everyCorpusEntryIsListedOnce() throws Exception {
        List<String> listed = cases().stream().map(Case::input).sorted().toList();
        List<String> present;
        try (Stream<Path> entries = Files.list(corpus())) {
            present = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals("cases.tsv")).sorted().toList();
        }
        assertEquals(present, listed);
    }

    @Test
    void utf16WithAByteOrderMarkReadsLikeUtf8() throws Exception {
        Path input = copy(corpus(), "utf16-bom.yaml", tmp);
        List<Template> loaded = new TemplateLoader(new Diagnostics()).load(List.of(input));
        assertEquals("caf\u00e9", loaded.get(0).resources().get(0).property("BucketName").textValue());
        assertEquals(2, loaded.get(0).resources().get(0).location().line());
    }
}
