package dev.cxscan.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Loads the whole conformance corpus (420 hand-written JSON and YAML templates from checkov,
 * cfn_nag and guard test suites) as one folder: every template must load, and every resource an
 * expectation names must be there with its type and a line number.
 */
class ConformanceCorpusLoadTest {
    @Test
    void everyCorpusTemplateLoadsWithItsResources() throws Exception {
        Path root = resource("conformance");
        Diagnostics diagnostics = new Diagnostics();
        List<Template> templates = new TemplateLoader(diagnostics).load(List.of(root.resolve("templates")));
        assertEquals(List.of(), diagnostics.inputErrors());

        Map<String, Template> byPath = new HashMap<>();
        for (Template t : templates) {
            byPath.put(root.relativize(Path.of(t.path())).toString(), t);
        }
        JsonNode expected = new ObjectMapper().readTree(root.resolve("expected.json").toFile());
        TreeSet<String> named = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode entry : expected.path("entries")) {
            String file = entry.path("template").asText();
            named.add(file);
            Template t = byPath.get(file);
            if (t == null) {
                problems.add(file + " not loaded");
                continue;
            }
            String id = entry.path("logical_id").asText();
            Resource r = t.resources().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            if (r == null || !r.type().equals(entry.path("resource_type").asText()) || r.location().line() == null
                    || r.location().line() < 1) {
                problems.add(file + ": " + id + " missing, of another type, or without a line");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(named.size() >= 400, "corpus shrank: " + named.size());
        assertEquals(named, new TreeSet<>(byPath.keySet()), "every corpus file is a template that loads");
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ConformanceCorpusLoadTest.class.getClassLoader().getResource(name).toURI());
    }
}
