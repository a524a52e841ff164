package dev.cxscan.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.reports.ResourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionBranchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Resource resource(String definition) throws Exception {
        ObjectNode def = (ObjectNode) JSON.readTree(definition);
        String type = def.path("Type").asText();
        return new Resource(type, "R", def, ResourceRef.template(type, "R", "t.json", 1, null));
    }

    @Test
    void withoutFnIfTheResourceIsItsOwnOnlyView() throws Exception {
        Resource r = resource("{\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"A\": {\"Ref\": \"X\"}}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals(1, views.size());
        assertSame(r, views.get(0));
    }

    @Test
    void oneConditionGivesTwoLabelledViews() throws Exception {
        Resource r = resource("{\"Type\": \"T\", \"Properties\": {\"A\": {\"Fn::If\": [\"C\", 1, 2]}}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals(List.of("when condition C is true", "when condition C is false"),
                views.stream().map(Resource::branch).toList());
        assertEquals(1, views.get(0).property("A").asInt());
        assertEquals(2, views.get(1).property("A").asInt());
        // the original is left as written
        assertTrue(r.property("A").has("Fn::If"));
    }

    @Test
    void noValueRemovesPropertiesAndListElements() throws Exception {
        Resource r = resource("""
                {"Type": "T", "Properties": {
                  "A": {"Fn::If": ["C", "x", {"Ref": "AWS::NoValue"}]},
                  "L": ["keep", {"Fn::If": ["C", {"Ref": "AWS::NoValue"}, "added"]}]}}
                """);
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals("x", views.get(0).property("A").asText());
        assertEquals(JSON.readTree("[\"keep\"]"), views.get(0).property("L"));
        assertTrue(views.get(1).property("A").isMissingNode());
        assertEquals(JSON.readTree("[\"keep\", \"added\"]"), views.get(1).property("L"));
    }

    @Test
    void sameConditionTwiceIsChosenConsistently() throws Exception {
        Resource r = resource("{\"Type\": \"T\", \"Properties\": {\"A\": {\"Fn::If\": [\"C\", 1, 2]},"
                + " \"B\": {\"Fn::If\": [\"C\", 1, 2]}}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals(2, views.size());
        for (Resource v : views) {
            assertEquals(v.property("A"), v.property("B"));
        }
    }

    @Test
    void nestedConditionsGiveEveryCombination() throws Exception {
        Resource r = resource("{\"Type\": \"T\", \"Properties\": {\"A\": {\"Fn::If\": [\"C1\", {\"Fn::If\": [\"C2\", \"tt\", \"tf\"]}, \"f\"]}}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals(4, views.size());
        assertEquals(List.of("tt", "f", "tf", "f"), views.stream().map(v -> v.property("A").asText()).toList());
    }

    @Test
    void manyConditionsFallBackToAllTrueAndAllFalse() throws Exception {
        StringBuilder props = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            props.append(i == 0 ? "" : ",").append("\"P").append(i).append("\": {\"Fn::If\": [\"C").append(i)
                    .append("\", \"on\", \"off\"]}");
        }
        Resource r = resource("{\"Type\": \"T\", \"Properties\": {" + props + "}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals(2, views.size());
        assertEquals("on", views.get(0).property("P5").asText());
        assertEquals("off", views.get(1).property("P0").asText());
    }

    @Test
    void fnIfInMetadataAndAttributesIsResolvedToo() throws Exception {
        Resource r = resource("{\"Type\": \"T\", \"DeletionPolicy\": {\"Fn::If\": [\"Prod\", \"Retain\", \"Delete\"]}}");
        List<Resource> views = ConditionBranches.expand(r);
        assertEquals("Retain", views.get(0).attribute("DeletionPolicy").asText());
        assertEquals("Delete", views.get(1).attribute("DeletionPolicy").asText());
    }
}
