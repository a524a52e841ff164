package dev.cxscan.scanner.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request as the {@link FaultProxy} read it, and the AWS operation it calls, named
 * {@code service:Operation}:
 * <ul>
 * <li>service: the signing name in the SigV4 credential scope of the Authorization header (the IAM prefix for
 * most services; CloudWatch signs as {@code monitoring}, ELB as {@code elasticloadbalancing});</li>
 * <li>JSON protocols (an {@code X-Amz-Target} header, e.g. {@code DynamoDB_20120810.DescribeTable}): the part
 * after the last dot, {@code dynamodb:DescribeTable};</li>
 * <li>query protocol (ec2, iam, sts, rds, sns, cloudformation, cloudwatch, elasticloadbalancing ...): the
 * {@code Action} form or query parameter, {@code iam:GetAccountSummary};</li>
 * <li>S3's REST API: {@code GET /} is {@code s3:ListBuckets}; a GET with a sub-resource query key is the
 * operation AWS documents for it ({@code ?encryption} is {@code s3:GetBucketEncryption}, see
 * {@link #S3_SUBRESOURCES}); anything else is {@code s3:METHOD /path};</li>
 * <li>other REST APIs (account, guardduty, backup, efs, cloudfront ...): {@code service:METHOD /path}, e.g.
 * {@code guardduty:GET /detector}.</li>
 * </ul>
 *
 * @param method  HTTP method
 * @param target  request target (path and query)
 * @param headers headers, names lower-cased (last value wins)
 * @param body    request body
 */
public record AwsWireRequest(String method, String target, Map<String, String> headers, byte[] body) {
    /** The error shape AWS uses for a request's protocol. */
    public enum Protocol {
        /** awsJson and restJson: {"__type": code, "message": ...} and an x-amzn-ErrorType header. */
        JSON,
        /** awsQuery and CloudFront's restXml: {@code <ErrorResponse><Error><Code>}. */
        QUERY,
        /** ec2Query: {@code <Response><Errors><Error><Code>}. */
        EC2,
        /** S3's restXml: {@code <Error><Code>}. */
        S3
    }

    /** S3 GET sub-resources (the query key) and the operation they read. */
    public static final Map<String, String> S3_SUBRESOURCES = Map.ofEntries(
            Map.entry("encryption", "GetBucketEncryption"),
            Map.entry("versioning", "GetBucketVersioning"),
            Map.entry("publicAccessBlock", "GetPublicAccessBlock"),
            Map.entry("policy", "GetBucketPolicy"),
            Map.entry("logging", "GetBucketLogging"),
            Map.entry("object-lock", "GetObjectLockConfiguration"),
            Map.entry("tagging", "GetBucketTagging"),
            Map.entry("location", "GetBucketLocation"),
            Map.entry("acl", "GetBucketAcl"),
            Map.entry("lifecycle", "GetBucketLifecycleConfiguration"),
            Map.entry("replication", "GetBucketReplication"));

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    /** The signing service of the request, or "unknown" when it is not SigV4-signed. */
    public String service() {
        Matcher m = SCOPE.matcher(headers.getOrDefault("authorization", ""));
        return m.find() ? m.group(1) : "unknown";
    }

    public Protocol protocol() {
        String service = service();
        if (service.equals("s3")) {
            return Protocol.S3;
        }
        if (service.equals("ec2")) {
            return Protocol.EC2;
        }
        if (headers.containsKey("x-amz-target")) {
            return Protocol.JSON;
        }
        if (params().containsKey("Action") || service.equals("cloudfront")) {
            return Protocol.QUERY;
        }
        return Protocol.JSON;
    }

    /** {@code service:Operation} as the class comment describes. */
    public String operation() {
        String service = service();
        String target = headers.get("x-amz-target");
        if (target != null) {
            return service + ":" + target.substring(target.lastIndexOf('.') + 1);
        }
        String action = params().get("Action");
        if (action != null) {
            return service + ":" + action;
        }
        String path = path();
        if (service.equals("s3") && method.equals("GET")) {
            if (path.equals("/")) {
                return "s3:ListBuckets";
            }
            for (String key : queryParams().keySet()) {
                String op = S3_SUBRESOURCES.get(key);
                if (op != null) {
                    return "s3:" + op;
                }
            }
        }
        return service + ":" + method + " " + path;
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** Query parameters and, for a form-encoded body, its parameters. */
    public Map<String, String> params() {
        Map<String, String> out = queryParams();
        String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            out.putAll(decode(new String(body, StandardCharsets.UTF_8)));
        }
        return out;
    }

    private Map<String, String> queryParams() {
        int q = target.indexOf('?');
        return q < 0 ? new LinkedHashMap<>() : decode(target.substring(q + 1));
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Headers the JDK HttpClient sets itself and refuses to be given. */
    static final List<String> HOP_BY_HOP = List.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date", "from", "via", "warning");
}
