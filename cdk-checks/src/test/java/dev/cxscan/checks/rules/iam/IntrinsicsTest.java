package dev.cxscan.checks.rules.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cxscan.checks.ResourceSet;
import dev.cxscan.checks.template.TemplateParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ResourceSet set = set();

    private static ResourceSet set() {
        try {
            return TemplateParser.parse("t.json", """
                    {"Resources": {"Key1A2B3C4D": {"Type": "AWS::KMS::Key"}}}""".getBytes(StandardCharsets.UTF_8)).resourceSet();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Intrinsics.Rendered render(String json) throws Exception {
        JsonNode node = MAPPER.readTree(json);
        return Intrinsics.render(node, set);
    }

    @Test
    void cdkJoinWithPartitionRendersToPlaceholders() throws Exception {
        Intrinsics.Rendered r = render("""
                {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}""");
        assertEquals("arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess", r.text());
        assertTrue(r.known());
        assertFalse(r.literal());
    }

    @Test
    void subKeepsPseudoParametersResourcesAndEscapes() throws Exception {
        Intrinsics.Rendered r = render("""
                {"Fn::Sub": ["arn:${AWS::Partition}:s3:::${Bucket}/${!aws:username}/${Key1A2B3C4D.Arn}", {"Bucket": "logs"}]}""");
        assertEquals("arn:${AWS::Partition}:s3:::logs/${aws:username}/${Key1A2B3C4D.Arn}", r.text());
        assertTrue(r.known());
    }

    @Test
    void parametersAndUnevaluatedFunctionsAreUnknown() throws Exception {
        Intrinsics.Rendered param = render("""
                {"Fn::Join": [":", ["arn", {"Ref": "NoDefault"}]]}""");
        assertFalse(param.known());
        assertEquals("arn:${?NoDefault}", param.text());
        assertTrue(param.unknowns().contains("Ref NoDefault"));
        assertFalse(render("""
                {"Fn::Select": [0, ["a"]]}""").known());
        assertEquals(Intrinsics.IMPORT, render("""
                {"Fn::ImportValue": "Shared-RoleArn"}""").text());
        assertTrue(render("\"plain\"").literal());
    }
}
