package dev.cxscan.checks.rules.cloudfront;

import static dev.cxscan.checks.RuleTester.assertStatus;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cxscan.reports.Finding;
import dev.cxscan.reports.Status;
import org.junit.jupiter.api.Test;

class CloudfrontViewerHttpsTest {
    private final CloudfrontViewerHttps rule = new CloudfrontViewerHttps();

    /** cloudfront.Distribution with REDIRECT_TO_HTTPS, and one whose /api/* behaviour kept CDK's allow-all default. */
    private static final String CDK = """
            {"Resources": {
              "SiteDistribution3FF9535D": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
                "DefaultCacheBehavior": {"CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6", "Compress": true,
                  "TargetOriginId": "AppSiteDistributionOrigin1D8F1DB07", "ViewerProtocolPolicy": "redirect-to-https"},
                "DefaultRootObject": "index.html", "Enabled": true, "HttpVersion": "http2", "IPV6Enabled": true,
                "Origins": [{"DomainName": {"Fn::GetAtt": ["SiteBucket397A1860", "RegionalDomainName"]},
                  "Id": "AppSiteDistributionOrigin1D8F1DB07", "S3OriginConfig": {"OriginAccessIdentity": ""},
                  "OriginAccessControlId": {"Fn::GetAtt": ["SiteOac9B8C7D6E", "Id"]}}]}},
                "Metadata": {"aws:cdk:path": "App/SiteDistribution/Resource"}},
              "ApiDistribution5E6F7A8B": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
                "CacheBehaviors": [{"CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "Compress": true,
                  "PathPattern": "/api/*", "TargetOriginId": "AppApiDistributionOrigin2C1B0A9F", "ViewerProtocolPolicy": "allow-all"}],
                "DefaultCacheBehavior": {"CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6", "Compress": true,
                  "TargetOriginId": "AppApiDistributionOrigin1D8F1DB07", "ViewerProtocolPolicy": "https-only"},
                "Enabled": true, "HttpVersion": "http2", "IPV6Enabled": true,
                "Origins": [{"CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
                  "DomainName": "api.example.com", "Id": "AppApiDistributionOrigin2C1B0A9F"}]}},
                "Metadata": {"aws:cdk:path": "App/ApiDistribution/Resource"}}
            }}""";

    private static final String YAML = """
            Parameters:
              Viewer:
                Type: String
            Resources:
              AllowAll:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    DefaultCacheBehavior:
                      TargetOriginId: web
                      ViewerProtocolPolicy: allow-all
              Missing:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    DefaultCacheBehavior:
                      TargetOriginId: web
              FromParameter:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    DefaultCacheBehavior:
                      TargetOriginId: web
                      ViewerProtocolPolicy: !Ref Viewer
              Several:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    DefaultCacheBehavior:
                      TargetOriginId: web
                      ViewerProtocolPolicy: https-only
                    CacheBehaviors:
                      - PathPattern: /img/*
                        TargetOriginId: web
                        ViewerProtocolPolicy: redirect-to-https
            """;

    @Test
    void cdkRedirectPasses() {
        assertTrue(assertStatus(Status.PASS, rule, CDK, "SiteDistribution3FF9535D").message().contains("redirect-to-https"));
    }

    @Test
    void cdkAllowAllBehaviourIsNamedByPathPattern() {
        Finding f = assertStatus(Status.FAIL, rule, CDK, "ApiDistribution5E6F7A8B");
        assertTrue(f.message().contains("CacheBehaviors[0] /api/* has ViewerProtocolPolicy allow-all"), f.message());
        assertTrue(!f.message().contains("DefaultCacheBehavior"), f.message());
    }

    @Test
    void yamlDistributions() {
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "AllowAll").message().contains("DefaultCacheBehavior has ViewerProtocolPolicy allow-all"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "Missing").message().contains("not set"));
        assertTrue(assertStatus(Status.FAIL, rule, YAML, "FromParameter").message().contains("Ref Viewer"));
        assertTrue(assertStatus(Status.PASS, rule, YAML, "Several").message().contains("all 2 cache behaviours"));
    }
}
