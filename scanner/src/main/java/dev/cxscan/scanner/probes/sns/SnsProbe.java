package dev.cxscan.scanner.probes.sns;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;

/** SNS of one region: ListTopics (paginator), GetTopicAttributes per topic as AWS::SNS::Topic (id the topic name, KmsMasterKeyId). */
public final class SnsProbe implements Probe {
    @Override
    public String service() {
        return "sns";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::SNS::Topic");
    }

    @Override
    public List<String> iamActions() {
        return List.of("sns:ListTopics", "sns:GetTopicAttributes");
    }

    @Override
    public void read(ProbeContext c) {
        SnsClient sns = c.clients().client(SnsClient.class, c.region());
        String region = c.region().id();
        List<String> checks = List.of("sns_topic_encrypted");
        Optional<List<String>> arns = ProbeSupport.call(c, "sns", "sns:ListTopics", region, checks,
                () -> sns.listTopicsPaginator(b -> { }).topics().stream().map(t -> t.topicArn()).toList());
        for (String arn : arns.orElse(List.of())) {
            ProbeSupport.call(c, "sns", "sns:GetTopicAttributes", region, checks,
                    () -> sns.getTopicAttributes(b -> b.topicArn(arn)).attributes()).ifPresent(a -> {
                        String name = arn.substring(arn.lastIndexOf(':') + 1);
                        ObjectNode p = obj();
                        p.put("TopicName", name);
                        if (a.get("KmsMasterKeyId") != null && !a.get("KmsMasterKeyId").isBlank()) {
                            p.put("KmsMasterKeyId", a.get("KmsMasterKeyId"));
                        }
                        if (a.get("DisplayName") != null) {
                            p.put("DisplayName", a.get("DisplayName"));
                        }
                        c.inventory().add(region, Resource.live("AWS::SNS::Topic", name, arn, region, p));
                    });
        }
    }
}
