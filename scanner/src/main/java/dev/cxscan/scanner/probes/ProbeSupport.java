package dev.cxscan.scanner.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cxscan.scanner.live.LiveInventory;
import dev.cxscan.scanner.live.ProbeContext;
import dev.cxscan.scanner.live.ProbeError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every probe shares: calling the API with errors turned into {@link ProbeError}s (never
 * thrown, never a silent skip), and building CloudFormation-shaped property trees from SDK answers.
 */
public final class ProbeSupport {
    public static final ObjectMapper JSON = new ObjectMapper();

    private ProbeSupport() {
    }

    public static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode arr() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Runs {@code call} (materialize paginators inside it) and returns its answer; on an AWS or SDK
     * error records a ProbeError for {@code checks} and returns empty.
     *
     * @param region the region of the call, null for a global service
     */
    public static <T> Optional<T> call(ProbeContext context, String service, String action, String region,
                                       List<String> checks, Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            context.inventory().error(new ProbeError(service, action, code, message, region, checks));
        } catch (SdkException | IllegalStateException | IllegalArgumentException | NullPointerException e) {
            context.inventory().error(new ProbeError(service, action, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    region, checks));
        }
        return Optional.empty();
    }

    /**
     * Runs {@code read} once per item, up to {@link ProbeContext#concurrency()} items at once (inline when it is 1
     * or there is at most one item), for the per-resource reads an API has no batch call for (S3's bucket settings,
     * KMS's rotation status, DynamoDB's DescribeTable). Each item's read gets a context of its own whose inventory
     * buffers what it records (resources, facts, {@link ProbeError}s); the buffers are copied into
     * {@code context.inventory()} in item order once every read is done, so the inventory's order does not depend
     * on which read finished first. The clients are shared (SDK clients are thread-safe; the read-only guard is on
     * each of them). A read that throws (it should record a ProbeError instead) makes this throw after every read
     * has ended, with nothing of the batch recorded, as a serial probe that threw would lose its remaining items.
     */
    public static <T> void forEachParallel(ProbeContext context, List<T> items, BiConsumer<ProbeContext, T> read) {
        List<LiveInventory> buffers = new ArrayList<>(items.size());
        items.forEach(i -> buffers.add(new LiveInventory()));
        int threads = Math.min(context.concurrency(), items.size());
        if (threads <= 1) {
            for (int i = 0; i < items.size(); i++) {
                read.accept(context.withInventory(buffers.get(i)), items.get(i));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "cxscan-probe-item");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    T item = items.get(i);
                    ProbeContext own = context.withInventory(buffers.get(i));
                    futures.add(pool.submit(() -> read.accept(own, item)));
                }
                Throwable failure = null;
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        failure = failure == null ? e.getCause() : failure;
                    }
                }
                if (failure instanceof RuntimeException re) {
                    throw re;
                }
                if (failure instanceof Error er) {
                    throw er;
                }
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + items.size() + " items", e);
            } finally {
                pool.shutdownNow();
            }
        }
        LiveInventory target = context.inventory();
        for (LiveInventory b : buffers) {
            b.resourcesByRegion().forEach((region, list) -> list.forEach(r -> target.add(region, r)));
            new TreeMap<>(b.facts()).forEach(target::fact);
            b.errors().forEach(target::error);
        }
    }

    /** Two check lists as one (a probe's own checks plus those its data also feeds). */
    public static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.stream().filter(c -> !out.contains(c)).forEach(out::add);
        return List.copyOf(out);
    }

    /** The AWS error code of an exception, or its class name. */
    public static String errorCode(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    /** Sets {@code key} when {@code value} is not null (String, Boolean, numbers, Instant, JsonNode, enums as text). */
    public static ObjectNode put(ObjectNode node, String key, Object value) {
        if (value == null) {
            return node;
        }
        if (value instanceof JsonNode j) {
            node.set(key, j);
        } else if (value instanceof Boolean b) {
            node.put(key, b);
        } else if (value instanceof Integer i) {
            node.put(key, i);
        } else if (value instanceof Long l) {
            node.put(key, l);
        } else if (value instanceof Double d) {
            node.put(key, d);
        } else {
            node.put(key, value.toString());
        }
        return node;
    }

    /** A list of strings as a JSON array. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = arr();
        if (values != null) {
            values.forEach(a::add);
        }
        return a;
    }

    /** CloudFormation Tags: [{Key, Value}]. */
    public static <T> ArrayNode tags(Collection<T> tags, Function<T, String> key, Function<T, String> value) {
        ArrayNode a = arr();
        if (tags != null) {
            for (T t : tags) {
                a.addObject().put("Key", key.apply(t)).put("Value", value.apply(t));
            }
        }
        return a;
    }

    /** CloudFormation Tags from a map. */
    public static ArrayNode tags(Map<String, String> tags) {
        ArrayNode a = arr();
        if (tags != null) {
            tags.forEach((k, v) -> a.addObject().put("Key", k).put("Value", v));
        }
        return a;
    }

    /**
     * A policy document as IAM returns it (URL-encoded JSON) or as other services do (JSON text),
     * parsed into a JSON object; the text itself when it is not JSON (the rules then report it).
     */
    public static JsonNode policyDocument(String raw) {
        if (raw == null) {
            return NullNode.getInstance();
        }
        String text = raw.strip();
        if (!text.startsWith("{")) {
            try {
                text = URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return JsonNodeFactory.instance.textNode(raw);
            }
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
    }

    /** An SDK model object as JSON with the API's member names: used to keep raw answers as account facts. */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode o = obj();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v != null && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>)
                        && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>)) {
                    o.set(field.memberName(), toJson(v));
                }
            }
            return o;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = arr();
            c.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = obj();
            m.forEach((k, v) -> o.set(String.valueOf(k), toJson(v)));
            return o;
        }
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return JsonNodeFactory.instance.numberNode(i);
        }
        if (value instanceof Long l) {
            return JsonNodeFactory.instance.numberNode(l);
        }
        if (value instanceof Double d) {
            return JsonNodeFactory.instance.numberNode(d);
        }
        if (value instanceof Float f) {
            return JsonNodeFactory.instance.numberNode(f);
        }
        if (value instanceof Instant t) {
            return JsonNodeFactory.instance.textNode(t.toString());
        }
        if (value instanceof SdkBytes b) {
            return JsonNodeFactory.instance.textNode(b.asUtf8String());
        }
        return JsonNodeFactory.instance.textNode(value.toString());
    }

    /** The partition of a region: aws, aws-cn or aws-us-gov. */
    public static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. */
    public static String arn(String service, String region, String account, String resource) {
        return "arn:" + partition(region) + ":" + service + ":" + (region == null ? "" : region) + ":"
                + (account == null ? "" : account) + ":" + resource;
    }

    /** The region key of inventory entries for a probe of the given region (null for global). */
    public static String regionKey(ProbeContext context) {
        return context.region() == null ? LiveInventory.GLOBAL : context.region().id();
    }
}
