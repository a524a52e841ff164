package dev.cxscan.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void redactsSecretNamedPropertiesButKeepsPointersReferencesAndDynamicReferences() {
        Redactor r = new Redactor();
        JsonNode out = r.json(SampleScan.json("""
                {"Properties": {
                   "MasterUsername": "admin",
                   "MasterUserPassword": "hunter2hunter2",
                   "MasterUserSecret": {"SecretArn": "arn:aws:secretsmanager:us-east-1:1:secret:db", "KmsKeyId": {"Ref": "Key"}},
                   "DbPassword": {"Ref": "DbPasswordParam"},
                   "ApiToken": "{{resolve:secretsmanager:api:SecretString:token}}",
                   "ManageMasterUserPassword": true,
                   "TokenValidityUnits": {"AccessToken": "hours"},
                   "PrivateKey": "-----BEGIN RSA PRIVATE KEY-----\\nMIIEabc\\n-----END RSA PRIVATE KEY-----",
                   "Environment": {"Variables": {"GITHUB_TOKEN": "ghp_abcdefghijklmnop", "TABLE": "docs"}},
                   "ConnectionString": ["Server=db;", "Password=", "x9x9x9x9"]
                }}"""));
        JsonNode p = out.get("Properties");
        assertEquals("admin", p.get("MasterUsername").asText());
        assertEquals(Redactor.MASK, p.get("MasterUserPassword").asText());
        assertEquals("arn:aws:secretsmanager:us-east-1:1:secret:db", p.at("/MasterUserSecret/SecretArn").asText());
        assertEquals("Key", p.at("/MasterUserSecret/KmsKeyId/Ref").asText());
        assertEquals("DbPasswordParam", p.at("/DbPassword/Ref").asText());
        assertTrue(p.get("ApiToken").asText().startsWith("{{resolve:secretsmanager:"));
        assertTrue(p.get("ManageMasterUserPassword").asBoolean());
        assertEquals("hours", p.at("/TokenValidityUnits/AccessToken").asText(), "a setting, not a secret");
        assertEquals(Redactor.MASK, p.get("PrivateKey").asText());
        assertEquals(Redactor.MASK, p.at("/Environment/Variables/GITHUB_TOKEN").asText());
        assertEquals("docs", p.at("/Environment/Variables/TABLE").asText());
        assertEquals(Redactor.MASK, p.at("/ConnectionString/2").asText());
        // learned values are removed from free text too
        assertEquals("login with " + Redactor.MASK, r.text("login with hunter2hunter2"));
    }

    @Test
    void redactsValuesOfSecretNamedNameValuePairsAndTags() {
        Redactor r = new Redactor();
        JsonNode out = r.json(SampleScan.json("""
                {"Properties": {
                   "ContainerDefinitions": [{"Environment": [
                      {"Name": "DB_PASSWORD", "Value": "pa55-in-env"},
                      {"Name": "AWS_SECRET_ACCESS_KEY", "Value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
                      {"Name": "TOKEN_TTL", "Value": "3600"},
                      {"Name": "TABLE", "Value": "docs"}]}],
                   "Tags": [{"Key": "deploy-api-key", "Value": "k-123456"}, {"Key": "team", "Value": "genai"}]
                }}"""));
        JsonNode env = out.at("/Properties/ContainerDefinitions/0/Environment");
        assertEquals(Redactor.MASK, env.at("/0/Value").asText());
        assertEquals(Redactor.MASK, env.at("/1/Value").asText());
        assertEquals("DB_PASSWORD", env.at("/0/Name").asText(), "the name stays");
        assertEquals("3600", env.at("/2/Value").asText(), "a setting named like a secret is kept");
        assertEquals("docs", env.at("/3/Value").asText());
        assertEquals(Redactor.MASK, out.at("/Properties/Tags/0/Value").asText());
        assertEquals("genai", out.at("/Properties/Tags/1/Value").asText());
        assertEquals("was " + Redactor.MASK, r.text("was wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), "and remembered");
    }

    @Test
    void redactsKeyIdsTokensPemAndNameValuePairsInText() {
        Redactor r = new Redactor();
        assertEquals("key " + Redactor.MASK + " is old", r.text("key AKIAIOSFODNN7EXAMPLE is old"));
        assertEquals("temporary " + Redactor.MASK, r.text("temporary ASIAY34FZKBOKMUTVV7A"));
        assertEquals("AKIAIOSFODNN7EXAMPLE1 is not a key id", r.text("AKIAIOSFODNN7EXAMPLE1 is not a key id").replace(Redactor.MASK, "?")
                .equals("AKIAIOSFODNN7EXAMPLE1 is not a key id") ? "AKIAIOSFODNN7EXAMPLE1 is not a key id" : "changed");
        assertFalse(r.text("session " + SampleScan.SESSION_TOKEN).contains("IQoJb3JpZ2lu"));
        assertEquals("x " + Redactor.MASK + " y", r.text("x -----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY----- y"));
        assertEquals("password=" + Redactor.MASK + " user=bob", r.text("password=s3cr3t user=bob"));
        assertEquals("{\"ClientSecret\": \"" + Redactor.MASK + "\"}", r.text("{\"ClientSecret\": \"abc123\"}"));
        // ordinary text stays as it is
        String plain = "ingress from 0.0.0.0/0 to port 22 on WebSg12AB34CD (cdk.out/GenAiStack.template.json:42); KmsKeyId set";
        assertEquals(plain, r.text(plain));
        assertEquals("arn:aws:iam::123456789012:role/ci", r.text("arn:aws:iam::123456789012:role/ci"));
    }

    @Test
    void redactingLeavesTheInputAsItWasAndSharesWhatHoldsNoSecret() {
        String text = """
                {"Type": "AWS::Lambda::Function", "Properties": {
                   "Code": {"S3Bucket": "assets", "S3Key": "fn.zip"},
                   "Environment": {"Variables": {"TABLE": "docs", "API_TOKEN": "tok-123456", "STAGE": "prod"}},
                   "Layers": ["arn:aws:lambda:us-east-1:1:layer:a:1", "AKIAIOSFODNN7EXAMPLE", "arn:aws:lambda:us-east-1:1:layer:b:2"]
                }}""";
        JsonNode in = SampleScan.json(text);
        JsonNode out = new Redactor().json(in);
        assertEquals(SampleScan.json(text), in, "the scanned data is not modified");
        assertEquals(SampleScan.json("""
                {"Type": "AWS::Lambda::Function", "Properties": {
                   "Code": {"S3Bucket": "assets", "S3Key": "fn.zip"},
                   "Environment": {"Variables": {"TABLE": "docs", "API_TOKEN": "[REDACTED]", "STAGE": "prod"}},
                   "Layers": ["arn:aws:lambda:us-east-1:1:layer:a:1", "[REDACTED]", "arn:aws:lambda:us-east-1:1:layer:b:2"]
                }}"""), out, "fields keep their order around a redacted value");
        // the parts without a secret are not copied: a large account's data is held once, not twice
        assertTrue(in.at("/Properties/Code") == out.at("/Properties/Code"));
        JsonNode plain = SampleScan.json("{\"Properties\": {\"BucketName\": \"docs\", \"Tags\": [{\"Key\": \"team\", \"Value\": \"genai\"}]}}");
        assertTrue(plain == new Redactor().json(plain), "data without a secret is returned as it is");
    }
}
