package dev.cxscan.checks.rules.elasticache;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.checks.rules.NetworkStack;
import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class ElasticacheMultiAzTest {
    private final ElasticacheMultiAz rule = new ElasticacheMultiAz();

    private static final String YAML = """
            Parameters:
              Failover:
                Type: String
            Resources:
              Strings:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: strings
                  Engine: valkey
                  CacheNodeType: cache.t4g.small
                  NumCacheClusters: 2
                  MultiAZEnabled: "true"
                  AutomaticFailoverEnabled: "true"
              FailoverOnly:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: failover without multi-az
                  Engine: redis
                  CacheNodeType: cache.t4g.small
                  NumCacheClusters: 2
                  AutomaticFailoverEnabled: true
              FromParam:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: failover from a parameter
                  Engine: redis
                  CacheNodeType: cache.t4g.small
                  NumCacheClusters: 2
                  MultiAZEnabled: true
                  AutomaticFailoverEnabled: !Ref Failover
            """;

    @Test
    void cdkReplicationGroupWithBothFlagsPasses() {
        assertStatus(Status.PASS, rule, NetworkStack.json(), "SessionCache");
    }

    @Test
    void cdkReplicationGroupWithDefaultsFailsNamingBothProperties() {
        Finding f = assertStatus(Status.FAIL, rule, NetworkStack.json(), "ScratchCache");
        assertTrue(f.message().contains("MultiAZEnabled") && f.message().contains("AutomaticFailoverEnabled"), f.message());
    }

    @Test
    void yamlStringsPassAndMissingMultiAzFails() {
        assertStatus(Status.PASS, rule, YAML, "Strings");
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FailoverOnly");
        assertTrue(f.message().contains("MultiAZEnabled is not set") && !f.message().contains("AutomaticFailoverEnabled"), f.message());
    }

    @Test
    void parameterWithoutDefaultIsUnresolved() {
        Finding f = assertStatus(Status.FAIL, rule, YAML, "FromParam");
        assertTrue(f.message().contains("cannot verify") && f.message().contains("Ref Failover"), f.message());
    }
}
