package dev.cxscan.checks.rules.opensearch;

/** Shared test templates: a CDK-synthesized OpenSearch domain and hand-written YAML domains. */
final class OpensearchTemplates {
    private OpensearchTemplates() {
    }

    /** What aws-cdk-lib writes for new Domain(..., encryptionAtRest, nodeToNodeEncryption, enforceHttps). */
    static final String CDK = """
            {"Resources": {
              "SearchKey1A2B3C4D": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
              "SearchDomainA1B2C3D4": {"Type": "AWS::OpenSearchService::Domain",
                "Properties": {"EngineVersion": "OpenSearch_2.11",
                  "EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": {"Ref": "SearchKey1A2B3C4D"}},
                  "NodeToNodeEncryptionOptions": {"Enabled": true},
                  "DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}},
                "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
                "Metadata": {"aws:cdk:path": "App/Search/Resource"}},
              "BareDomain5E6F7A8B": {"Type": "AWS::OpenSearchService::Domain",
                "Properties": {"EngineVersion": "OpenSearch_2.11"},
                "Metadata": {"aws:cdk:path": "App/Bare/Resource"}}
            }}""";

    static final String YAML = """
            Parameters:
              Flag:
                Type: String
            Resources:
              LegacyOff:
                Type: AWS::Elasticsearch::Domain
                Properties:
                  EncryptionAtRestOptions:
                    Enabled: false
                  NodeToNodeEncryptionOptions:
                    Enabled: "false"
                  DomainEndpointOptions:
                    EnforceHTTPS: False
              LegacyOn:
                Type: AWS::Elasticsearch::Domain
                Properties:
                  EncryptionAtRestOptions:
                    Enabled: "true"
                  NodeToNodeEncryptionOptions:
                    Enabled: true
                  DomainEndpointOptions:
                    EnforceHTTPS: true
              FromParam:
                Type: AWS::OpenSearchService::Domain
                Properties:
                  EncryptionAtRestOptions:
                    Enabled: !Ref Flag
                  NodeToNodeEncryptionOptions:
                    Enabled: !Ref Flag
                  DomainEndpointOptions:
                    EnforceHTTPS: !Ref Flag
            """;
}
