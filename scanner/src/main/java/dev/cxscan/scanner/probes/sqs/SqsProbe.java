package dev.cxscan.scanner.probes.sqs;

import static dev.cxscan.scanner.probes.ProbeSupport.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.checks.Resource;
import dev.cxscan.scanner.live.Probe;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.probes.ProbeSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS of one region: ListQueues (paginator), GetQueueAttributes (All) per queue (no batch API) as
 * AWS::SQS::Queue (id the queue name): KmsMasterKeyId, SqsManagedSseEnabled (a boolean, as
 * CloudFormation writes it), FifoQueue.
 */
public final class SqsProbe implements Probe {
    @Override
    public String service() {
        return "sqs";
    }

    @Override
    public Scope scope() {
        return Scope.REGIONAL;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("AWS::SQS::Queue");
    }

    @Override
    public List<String> iamActions() {
        return List.of("sqs:ListQueues", "sqs:GetQueueAttributes");
    }

    @Override
    public void read(ProbeContext c) {
        SqsClient sqs = c.clients().client(SqsClient.class, c.region());
        String region = c.region().id();
        List<String> checks = List.of("sqs_queue_encrypted");
        Optional<List<String>> urls = ProbeSupport.call(c, "sqs", "sqs:ListQueues", region, checks,
                () -> sqs.listQueuesPaginator(b -> { }).queueUrls().stream().toList());
        for (String url : urls.orElse(List.of())) {
            ProbeSupport.call(c, "sqs", "sqs:GetQueueAttributes", region, checks,
                    () -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings())
                    .ifPresent(attrs -> c.inventory().add(region, queue(url, attrs, region)));
        }
    }

    static Resource queue(String url, Map<String, String> a, String region) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        ObjectNode p = obj();
        p.put("QueueName", name);
        if (a.get("KmsMasterKeyId") != null) {
            p.put("KmsMasterKeyId", a.get("KmsMasterKeyId"));
        }
        if (a.get("SqsManagedSseEnabled") != null) {
            p.put("SqsManagedSseEnabled", Boolean.parseBoolean(a.get("SqsManagedSseEnabled")));
        }
        if (a.get("FifoQueue") != null) {
            p.put("FifoQueue", Boolean.parseBoolean(a.get("FifoQueue")));
        }
        return Resource.live("AWS::SQS::Queue", name, a.get("QueueArn"), region, p);
    }
}
