package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redaction corpora as data (test resources {@code redaction/keep.yaml} and {@code redaction/secrets.yaml}):
 * evidence that must survive unchanged, and secrets that must be masked wherever they appear. One redactor learns
 * every resource of both files first, as one scan's redactor learns all of its resource data; each case is a test
 * of its own, named after the case.
 */
class RedactorCorpusTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNode KEEP = read("redaction/keep.yaml");
    private static final JsonNode SECRETS = read("redaction/secrets.yaml");
    private static final Redactor REDACTOR = learnedFromBothCorpora();

    static Stream<Named<JsonNode>> keep() {
        return named(KEEP);
    }

    static Stream<Named<JsonNode>> secrets() {
        return named(SECRETS.get("cases"));
    }

    @Test
    void theCorporaAreLargeEnoughToMeanSomething() {
        assertTrue(KEEP.size() >= 30, "keep.yaml holds " + KEEP.size() + " cases");
        assertTrue(SECRETS.get("cases").size() >= 20, "secrets.yaml holds " + SECRETS.get("cases").size() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keep")
    void evidenceWithoutASecretSurvivesUnchanged(JsonNode c) {
        // the case is named in every message too: the surefire files number parameterized tests
        String name = "keep.yaml case " + c.get("case").asText();
        assertTrue(c.has("text") != c.has("data"), name + ": a case has either text or data");
        if (c.has("text")) {
            String text = c.get("text").asText();
            assertEquals(text, REDACTOR.text(text), name);
        } else {
            JsonNode data = c.get("data");
            assertEquals(data, REDACTOR.json(data), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void aSecretIsMaskedEverywhereItAppears(JsonNode c) {
        String name = "secrets.yaml case " + c.get("case").asText();
        String secret = c.get("secret").asText();
        List<String> places = new ArrayList<>();
        if (c.has("data")) {
            JsonNode data = c.get("data");
            assertTrue(data.toString().contains(secret.replace("\n", "\\n")) || data.toString().contains(secret),
                    name + ": the case's data holds its secret");
            String redacted = REDACTOR.json(data).toString();
            assertFalse(redacted.contains(secret), name + ": in the resource excerpt: " + redacted);
        }
        if (c.has("text")) {
            places.add(c.get("text").asText());
        }
        if (!c.path("placesOnly").asBoolean() && c.has("data")) {
            SECRETS.get("quotedIn").forEach(q -> places.add(q.asText().replace("{secret}", secret)));
        }
        for (String text : places) {
            assertTrue(text.contains(secret), name + ": the text holds the secret: " + text);
            String redacted = REDACTOR.text(text);
            assertFalse(redacted.contains(secret), name + ": in \"" + text + "\": " + redacted);
        }
    }

    @Test
    void aValueMaskedOnlyWhereItStandsIsNotMaskedInMessages() {
        // the short and the numeric literal passwords of secrets.yaml: masking them everywhere would eat
        // "admin1" in a user list and 12345678 in every size and id; they are removed from the excerpt only
        assertEquals("user admin1 owns volume 12345678", REDACTOR.text("user admin1 owns volume 12345678"));
        assertFalse(REDACTOR.remembered().contains("admin1"));
    }

    private static Redactor learnedFromBothCorpora() {
        Redactor r = new Redactor();
        for (JsonNode c : KEEP) {
            if (c.has("data")) {
                r.json(c.get("data"));
            }
        }
        for (JsonNode c : SECRETS.get("cases")) {
            if (c.has("data")) {
                r.json(c.get("data"));
            }
        }
        return r;
    }

    private static Stream<Named<JsonNode>> named(JsonNode cases) {
        List<Named<JsonNode>> out = new ArrayList<>();
        cases.forEach(c -> out.add(Named.of(c.get("case").asText(), c)));
        return out.stream();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = RedactorCorpusTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
