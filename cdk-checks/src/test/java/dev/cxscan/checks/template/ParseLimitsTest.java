package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits near their edge (what just passes, what nests too deep only once aliases are expanded). The
 * hostile inputs themselves, each with its one error line, are the corpus of {@link HostileInputTest}.
 */
class ParseLimitsTest {
    @TempDir
    Path tmp;

    private final Diagnostics diagnostics = new Diagnostics();

    private Diagnostics.InputError loadOneBad(String fileName, String content) throws IOException {
        Path bad = Files.writeString(tmp.resolve(fileName), content);
        Path good = Files.writeString(tmp.resolve("good.yaml"), "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
        List<Template> loaded = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new TemplateLoader(diagnostics).load(List.of(bad, good)));
        assertEquals(List.of(good.toString()), loaded.stream().map(Template::path).toList());
        assertEquals(1, diagnostics.inputErrors().size(), diagnostics.inputErrors()::toString);
        Diagnostics.InputError error = diagnostics.inputErrors().get(0);
        assertEquals(bad.toString(), error.file());
        assertTrue(!error.message().contains("\n"), "one line: " + error.message());
        return error;
    }

    private static String deepJson(int depth) {
        return "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"X\": "
                + "[".repeat(depth) + "1" + "]".repeat(depth) + "}}}}";
    }

    @Test
    void jsonJustUnderTheLimitLoads() throws IOException {
        Path ok = Files.writeString(tmp.resolve("ok.json"), deepJson(490));
        assertEquals(1, new TemplateLoader(diagnostics).load(List.of(ok)).size(), diagnostics.inputErrors()::toString);
    }

    @Test
    void yamlBlockNestedDeeperThan500LevelsIsRejected() throws IOException {
        StringBuilder yaml = new StringBuilder("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n");
        for (int i = 0; i < 520; i++) {
            yaml.append(" ".repeat(6 + i)).append("k").append(i).append(":\n");
        }
        yaml.append(" ".repeat(6 + 520)).append("leaf: 1\n");
        Diagnostics.InputError error = loadOneBad("deepblock.yaml", yaml.toString());
        assertTrue(error.message().startsWith("rejected:"), error.message());
    }

    @Test
    void yamlAliasesThatNestDeeperThanTheLimitAreRejected() throws IOException {
        // each anchor is 100 levels deep and contains the previous one: 6 x 100 levels once expanded
        StringBuilder yaml = new StringBuilder("Mappings:\n");
        for (int i = 0; i < 6; i++) {
            yaml.append("  M").append(i).append(": &a").append(i).append(" ")
                    .append("[".repeat(100)).append(i == 0 ? "1" : "*a" + (i - 1)).append("]".repeat(100)).append("\n");
        }
        yaml.append("Resources:\n  A:\n    Type: AWS::S3::Bucket\n");
        Diagnostics.InputError error = loadOneBad("aliasdeep.yaml", yaml.toString());
        assertTrue(error.message().startsWith("rejected:") && error.message().contains("nesting"), error.message());
    }

    @Test
    void fewAliasesAreFine() throws IOException {
        Path ok = Files.writeString(tmp.resolve("ok.yaml"), """
                Mappings:
                  Tags: &tags
                    - {Key: team, Value: ml}
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                    Properties: {Tags: *tags}
                  B:
                    Type: AWS::SQS::Queue
                    Properties: {Tags: *tags}
                """);
        List<Template> loaded = new TemplateLoader(diagnostics).load(List.of(ok));
        assertTrue(diagnostics.inputErrors().isEmpty(), diagnostics.inputErrors()::toString);
        assertEquals("ml", loaded.get(0).resources().get(1).property("Tags").get(0).path("Value").asText());
    }


    @Test
    void yamlRunOfMegabytesWithoutASpaceIsRejectedAtOnce() throws IOException {
        // found by TemplateLoaderFuzzTest: SnakeYAML reads such a run in quadratic time (6 MB took 45 s)
        String yaml = "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: 1." + "7".repeat(6_000_000) + "\n";
        Diagnostics.InputError error = loadOneBad("long.yaml", yaml);
        assertTrue(error.message().startsWith("rejected: more than 256 KB without a space"), error.message());
        assertEquals(5, error.line());
    }
}
