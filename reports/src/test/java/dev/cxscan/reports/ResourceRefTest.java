package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.reports.json.JsonReportWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceRefTest {
    private static final ObjectMapper JSON = JsonReportWriter.mapper();
    private static final ResourceRef SG = ResourceRef.live("AWS::EC2::SecurityGroup", "sg-74ddfd12d7edfabeb",
            "arn:aws:ec2:us-east-1:123456789012:security-group/sg-74ddfd12d7edfabeb", "us-east-1");

    @Test
    void nameAndTagsFollowCdkPathInResultsJson() throws Exception {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "genai");
        tags.put("Name", "web-sg");
        JsonNode n = JSON.valueToTree(SG.named("web-sg", tags));
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("type", "id", "arn", "region", "file", "line", "cdkPath", "name", "tags"), fields,
                "existing fields keep their order, the new ones come after cdkPath");
        assertEquals("web-sg", n.get("name").asText());
        List<String> keys = new ArrayList<>();
        n.get("tags").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("Name", "team"), keys, "tags sorted by key, so a report does not depend on the API's order");
    }

    @Test
    void notReadTagsAreNullAndNoTagsAreAnEmptyObject() throws Exception {
        assertTrue(JSON.valueToTree(SG).get("tags").isNull());
        assertTrue(JSON.valueToTree(SG).get("name").isNull());
        JsonNode none = JSON.valueToTree(SG.named(null, Map.of()));
        assertTrue(none.get("tags").isObject() && none.get("tags").isEmpty());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        ResourceRef named = SG.named("web-sg", Map.of("Name", "web-sg", "env", "prod"));
        ResourceRef back = JSON.treeToValue(JSON.valueToTree(named), ResourceRef.class);
        assertEquals("web-sg", back.name());
        assertEquals(Map.of("Name", "web-sg", "env", "prod"), back.tags());
        ResourceRef older = JSON.readValue("{\"type\":\"AWS::S3::Bucket\",\"id\":\"b\",\"arn\":null,\"region\":\"us-east-1\","
                + "\"file\":null,\"line\":null,\"cdkPath\":null}", ResourceRef.class);
        assertNull(older.name());
        assertNull(older.tags(), "a location written before names existed: tags not read");
    }

    @Test
    void findingsAboutOneResourceGroupTogetherWhetherOrNotTheirLocationCarriesTheName() {
        ResourceRef named = SG.named("web-sg", Map.of("Name", "web-sg"));
        assertEquals(SG, named);
        assertEquals(SG.hashCode(), named.hashCode());
        Set<ResourceRef> set = new HashSet<>(List.of(SG, named));
        assertEquals(1, set.size());
        ResourceRef other = ResourceRef.live("AWS::EC2::SecurityGroup", "sg-0000", null, "us-east-1").named("web-sg", Map.of());
        assertTrue(!other.equals(named), "the same name on another group is another resource");
    }

    @Test
    void distinctNameLeavesOutANameThatIsTheId() {
        ResourceRef bucket = ResourceRef.live("AWS::S3::Bucket", "acme-logs", "arn:aws:s3:::acme-logs", "us-east-1");
        assertNull(bucket.named("acme-logs", Map.of()).distinctName());
        assertEquals("Audit", bucket.named("Audit", Map.of("Name", "Audit")).distinctName());
        assertEquals("", bucket.tagsText());
        assertEquals("Name=Audit; env=prod", bucket.named("Audit", Map.of("env", "prod", "Name", "Audit")).tagsText());
    }

    @Test
    void withCdkPathKeepsNameAndTags() {
        ResourceRef t = ResourceRef.template("AWS::EC2::SecurityGroup", "WebSg", "t.json", 3, null).named("web-sg", Map.of("a", "b"));
        ResourceRef moved = t.withCdkPath("App/WebSg/Resource");
        assertEquals("App/WebSg/Resource", moved.cdkPath());
        assertEquals("web-sg", moved.name());
        assertEquals(Map.of("a", "b"), moved.tags());
    }
}
