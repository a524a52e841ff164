package dev.cxscan.scanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cxscan template <input>} over each entry of the hostile input corpus that cdk-checks keeps
 * (cdk-checks/src/test/resources/hostile/cases.tsv, read from the source tree: the one list of inputs
 * and their expected lines). An input error exits 2 and prints exactly one
 * {@code cxscan: error: <file>[:line]: <message>} line; a warning prints one warning line and does
 * not make the exit code 2; an input that loads prints neither.
 */
class HostileInputCliTest {
    private static final Path CORPUS = Path.of("..", "cdk-checks", "src", "test", "resources", "hostile");

    /** One corpus entry: the input and its one diagnostic line ("error: ...", "warning: ..." or "-"). */
    record Case(String input, String diagnostic) {
        @Override
        public String toString() {
            return input;
        }
    }

    @TempDir
    Path tmp;

    static List<Case> cases() throws IOException {
        assertTrue(Files.isRegularFile(CORPUS.resolve("cases.tsv")), "run from the scanner module: " + CORPUS.toAbsolutePath());
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("cases.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t", 3);
                cases.add(new Case(f[0], f[2]));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputGivesExitTwoAndOneErrorLineOrItsWarning(Case c) throws Exception {
        Path input = copy(c.input());
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.run("template", input.toString(), "--out", tmp.resolve("out").toString()));
        List<String> errors = lines(r.err(), "cxscan: error: ");
        List<String> warnings = lines(r.err(), "cxscan: warning: ");
        if (c.diagnostic().startsWith("error: ")) {
            assertEquals(2, r.exit(), r.toString());
            assertEquals(List.of("cxscan: " + c.diagnostic()), errors, r.toString());
        } else {
            assertNotEquals(2, r.exit(), r.toString());
            assertEquals(List.of(), errors, r.toString());
            assertEquals(c.diagnostic().equals("-") ? List.of() : List.of("cxscan: " + c.diagnostic()), warnings, r.toString());
        }
    }

    /** The stderr lines with the prefix, paths made relative to the copy's folder as in cases.tsv. */
    private List<String> lines(String err, String prefix) {
        return err.lines().filter(l -> l.startsWith(prefix)).map(l -> l.replace(tmp + "/", "")).toList();
    }

    /** Copies the entry into the temporary folder, making the symbolic links its links.txt files name. */
    private Path copy(String input) throws IOException {
        Path from = CORPUS.resolve(input);
        Path to = tmp.resolve(input);
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
}
