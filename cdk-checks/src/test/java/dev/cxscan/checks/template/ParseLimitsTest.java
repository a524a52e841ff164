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

/** Hostile or broken input: each is one clear input error, and the other inputs still load. */
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
    void jsonNestedDeeperThan500LevelsIsRejected() throws IOException {
        Diagnostics.InputError error = loadOneBad("deep.json", deepJson(600));
        assertTrue(error.message().startsWith("rejected:") && error.message().contains("500"), error.message());
        assertEquals(1, error.line());
    }

    @Test
    void jsonJustUnderTheLimitLoads() throws IOException {
        Path ok = Files.writeString(tmp.resolve("ok.json"), deepJson(490));
        assertEquals(1, new TemplateLoader(diagnostics).load(List.of(ok)).size(), diagnostics.inputErrors()::toString);
    }

    @Test
    void yamlFlowNestedDeeperThan500LevelsIsRejected() throws IOException {
        String yaml = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: "
                + "[".repeat(600) + "1" + "]".repeat(600) + "\n";
        Diagnostics.InputError error = loadOneBad("deep.yaml", yaml);
        assertTrue(error.message().startsWith("rejected:") && error.message().contains("500"), error.message());
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
    void billionLaughsIsRejectedQuickly() throws IOException {
        // 9 levels of 9 aliases: 72 aliases (under the alias count limit) that expand to 9^9 nodes
        StringBuilder yaml = new StringBuilder("Mappings:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
            prev = String.valueOf(c);
        }
        yaml.append("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *i\n");
        Diagnostics.InputError error = loadOneBad("lol.yaml", yaml.toString());
        assertTrue(error.message().startsWith("rejected:") && error.message().contains("alias"), error.message());
    }

    @Test
    void manyAliasesAreRejected() throws IOException {
        StringBuilder yaml = new StringBuilder("Mappings:\n  base: &b {k: v}\n  list:\n");
        for (int i = 0; i < 150; i++) {
            yaml.append("    - *b\n");
        }
        yaml.append("Resources:\n  A:\n    Type: AWS::S3::Bucket\n");
        Diagnostics.InputError error = loadOneBad("aliases.yaml", yaml.toString());
        assertTrue(error.message().startsWith("rejected:") && error.message().contains("aliases"), error.message());
    }

    @Test
    void recursiveAliasIsRejected() throws IOException {
        Diagnostics.InputError error = loadOneBad("rec.yaml",
                "Mappings:\n  a: &a [1, *a]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n");
        assertTrue(error.message().startsWith("rejected:") || error.message().startsWith("invalid YAML"), error.message());
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
    void duplicateYamlKeysAreRejectedWithTheLine() throws IOException {
        Diagnostics.InputError error = loadOneBad("dup.yaml", """
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: one
                      BucketName: two
                """);
        assertTrue(error.message().contains("duplicate key") && error.message().contains("BucketName"), error.message());
        assertEquals(6, error.line());
    }

    @Test
    void duplicateYamlResourceIdsAreRejected() throws IOException {
        Diagnostics.InputError error = loadOneBad("dupres.yaml", """
                Resources:
                  A:
                    Type: AWS::S3::Bucket
                  A:
                    Type: AWS::SQS::Queue
                """);
        assertTrue(error.message().contains("duplicate key 'A'"), error.message());
        assertEquals(4, error.line());
    }

    @Test
    void jsonTrailingGarbageIsInvalid() throws IOException {
        Diagnostics.InputError error = loadOneBad("trail.json",
                "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}}}\n}\n");
        assertTrue(error.message().startsWith("invalid JSON"), error.message());
        assertEquals(2, error.line());
    }

    @Test
    void resourceWithoutTypeIsAnError() throws IOException {
        Diagnostics.InputError error = loadOneBad("notype.yaml", "Resources:\n  A:\n    Properties: {}\n");
        assertTrue(error.message().contains("resource A has no Type"), error.message());
        assertEquals(2, error.line());
    }

    @Test
    void multipleYamlDocumentsAreInvalid() throws IOException {
        Diagnostics.InputError error = loadOneBad("multi.yaml",
                "Resources:\n  A:\n    Type: AWS::S3::Bucket\n---\nResources: {}\n");
        assertTrue(error.message().startsWith("invalid YAML"), error.message());
    }
}
