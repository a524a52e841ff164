package dev.cxscan.checks.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A template in the shape aws-cdk-lib synthesizes (hashed logical ids, Fn::GetAtt, aws:cdk:path)
 * for a stack with an env-agnostic two-AZ VPC (restrictDefaultSecurityGroup, a flow log), a
 * single-AZ VPC, security groups, a network ACL, an ALB, an NLB, Auto Scaling groups, Aurora
 * clusters, RDS instances and ElastiCache replication groups. Shared by the NETSEC-001 and DOC-001
 * rule tests.
 */
public final class NetworkStack {
    private NetworkStack() {
    }

    public static String json() {
        try (InputStream in = NetworkStack.class.getResourceAsStream("network-stack.template.json")) {
            if (in == null) {
                throw new IllegalStateException("network-stack.template.json missing from test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
