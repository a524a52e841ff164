package dev.cxscan.checks.rules.elasticache;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class ElasticacheEncryptedTest {
    private final ElasticacheEncrypted rule = new ElasticacheEncrypted();

    private static final String CDK = """
            {"Resources": {
              "SessionCacheA1B2C3D4": {"Type": "AWS::ElastiCache::ReplicationGroup",
                "Properties": {"ReplicationGroupDescription": "sessions", "Engine": "redis", "CacheNodeType": "cache.t4g.small",
                  "NumCacheClusters": 2, "AutomaticFailoverEnabled": true, "MultiAZEnabled": true,
                  "AtRestEncryptionEnabled": true, "TransitEncryptionEnabled": true, "TransitEncryptionMode": "required",
                  "KmsKeyId": {"Ref": "CacheKey1A2B3C4D"}},
                "Metadata": {"aws:cdk:path": "App/SessionCache"}},
              "CacheKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {}},
              "MigratingCache5E6F7A8B": {"Type": "AWS::ElastiCache::ReplicationGroup",
                "Properties": {"ReplicationGroupDescription": "m", "AtRestEncryptionEnabled": true,
                  "TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Enc:
                Type: String
            Resources:
              Plain:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: p
              RestOnly:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: r
                  AtRestEncryptionEnabled: "true"
                  TransitEncryptionEnabled: "false"
              FromParam:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: f
                  AtRestEncryptionEnabled: !Ref Enc
                  TransitEncryptionEnabled: true
            """;

    @Test
    void cdkGroups() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "SessionCacheA1B2C3D4").message().contains("given KMS key"));
        assertTrue(assertStatus(Status.FAIL, rule, CDK, "MigratingCache5E6F7A8B").message().contains("preferred"));
    }

    @Test
    void yamlMessagesListWhatIsMissing() {
        Finding plain = assertStatus(Status.FAIL, rule, YAML, "Plain");
        assertTrue(plain.message().contains("AtRestEncryptionEnabled") && plain.message().contains("TransitEncryptionEnabled"),
                plain.message());
        Finding restOnly = assertStatus(Status.FAIL, rule, YAML, "RestOnly");
        assertTrue(restOnly.message().contains("in transit") && !restOnly.message().contains("AtRest"), restOnly.message());
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParam").message().contains("cannot verify"));
    }
}
