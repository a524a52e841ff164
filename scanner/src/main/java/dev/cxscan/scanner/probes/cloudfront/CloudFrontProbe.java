package dev.cxscan.scanner.probes.cloudfront;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;
import static dev.cxscan.scanner.probes.ProbeSupport.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.paginators.ListDistributionsIterable;

/**
 * CloudFront, global: ListDistributions (the SDK's ListDistributionsIterable paginator; the summaries carry every cache behaviour's
 * ViewerProtocolPolicy, so no GetDistributionConfig per distribution) as
 * AWS::CloudFront::Distribution with DistributionConfig.DefaultCacheBehavior and CacheBehaviors.
 */
public final class CloudFrontProbe implements Probe {
    @Override
    public String service() {
        return "cloudfront";
    }

    @Override
    public Scope scope() {
        return Scope.GLOBAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::CloudFront::Distribution");
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudfront:ListDistributions");
    }

    @Override
    public void read(ProbeContext c) {
        CloudFrontClient cf = c.clients().client(CloudFrontClient.class, Region.AWS_GLOBAL);
        ProbeSupport.call(c, "cloudfront", "cloudfront:ListDistributions", null, List.of("cloudfront_viewer_https"),
                () -> new ListDistributionsIterable(cf, ListDistributionsRequest.builder().build()).stream()
                        .flatMap(page -> page.distributionList() == null || !page.distributionList().hasItems()
                                ? java.util.stream.Stream.<DistributionSummary>empty() : page.distributionList().items().stream())
                        .map(CloudFrontProbe::distribution).toList())
                .ifPresent(list -> list.forEach(r -> c.inventory().add(null, r)));
    }

    static Resource distribution(DistributionSummary d) {
        ObjectNode p = obj();
        ObjectNode config = p.putObject("DistributionConfig");
        put(config, "Enabled", d.enabled());
        put(config, "Comment", d.comment());
        if (d.defaultCacheBehavior() != null) {
            ObjectNode dcb = config.putObject("DefaultCacheBehavior");
            put(dcb, "TargetOriginId", d.defaultCacheBehavior().targetOriginId());
            put(dcb, "ViewerProtocolPolicy", d.defaultCacheBehavior().viewerProtocolPolicyAsString());
        }
        ArrayNode behaviors = config.putArray("CacheBehaviors");
        if (d.cacheBehaviors() != null && d.cacheBehaviors().hasItems()) {
            d.cacheBehaviors().items().forEach(b -> {
                ObjectNode o = behaviors.addObject();
                put(o, "PathPattern", b.pathPattern());
                put(o, "TargetOriginId", b.targetOriginId());
                put(o, "ViewerProtocolPolicy", b.viewerProtocolPolicyAsString());
            });
        }
        return Resource.live("AWS::CloudFront::Distribution", d.id(), d.arn(), null, p);
    }
}
