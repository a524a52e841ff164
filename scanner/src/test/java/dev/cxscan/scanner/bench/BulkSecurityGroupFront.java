package dev.cxscan.scanner.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server in front of moto that makes an account of tens of thousands of resources without
 * creating them one API call at a time: it answers EC2 DescribeSecurityGroups with {@code perRegion}
 * generated groups per region, in EC2's query-protocol XML and paged by NextToken as EC2 pages, then hands the
 * last page over to moto (so the groups really seeded in moto follow), and forwards every other request to moto
 * unchanged. Seeding 25,000 resources into moto one call at a time takes minutes on a 2-core machine (moto
 * serves every call from one Python process: about 70 resources a second in the account benchmark); this costs
 * nothing, and the scanner still reads every group through the SDK, its paginator, the read-only guard and the
 * call recorder, and evaluates every rule on it, which is what the memory and time figures are about.
 *
 * <p>One group in three opens SSH to the world (a FAIL finding), the others allow HTTPS from 10.0.0.0/8; each has
 * an egress rule and two tags, as real groups do.
 */
final class BulkSecurityGroupFront implements AutoCloseable {
    static final int PAGE = 1000;
    private static final Pattern REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/ec2/");
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI moto;
    private final int perRegion;
    private final String account;
    private final AtomicLong pagesServed = new AtomicLong();

    BulkSecurityGroupFront(URI moto, int perRegion, String account) throws IOException {
        this.moto = moto;
        this.perRegion = perRegion;
        this.account = account;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long pagesServed() {
        return pagesServed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Matcher m = auth == null ? null : REGION.matcher(auth);
            if (m != null && m.find() && "POST".equals(ex.getRequestMethod())) {
                Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                if ("DescribeSecurityGroups".equals(form.get("Action")) && form.keySet().stream()
                        .noneMatch(k -> k.startsWith("GroupId") || k.startsWith("GroupName") || k.startsWith("Filter"))) {
                    String token = form.get("NextToken");
                    int from = token == null ? 0 : token.startsWith("bulk-") ? Integer.parseInt(token.substring(5)) : -1;
                    if (from >= 0) {
                        page(ex, m.group(1), from);
                        return;
                    }
                    // "moto": the generated groups are done; moto's own come last, in one page
                    form.remove("NextToken");
                    body = encode(form).getBytes(StandardCharsets.UTF_8);
                }
            }
            forward(ex, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void page(HttpExchange ex, String region, int from) throws IOException {
        pagesServed.incrementAndGet();
        int to = Math.min(perRegion, from + PAGE);
        StringBuilder x = new StringBuilder(to > from ? (to - from) * 900 : 256);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeSecurityGroupsResponse "
                + "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>bulk-").append(region).append('-')
                .append(from).append("</requestId><securityGroupInfo>");
        for (int i = from; i < to; i++) {
            group(x, region, i);
        }
        x.append("</securityGroupInfo><nextToken>").append(to < perRegion ? "bulk-" + to : "moto")
                .append("</nextToken></DescribeSecurityGroupsResponse>");
        byte[] out = x.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private void group(StringBuilder x, String region, int i) {
        String id = String.format(Locale.ROOT, "sg-%02x%015x", Math.abs(region.hashCode()) % 256, i);
        boolean ssh = i % 3 == 0;
        int port = ssh ? 22 : 443;
        String cidr = ssh ? "0.0.0.0/0" : "10.0.0.0/8";
        String vpc = String.format(Locale.ROOT, "vpc-%017x", i % 50);
        x.append("<item><ownerId>").append(account).append("</ownerId><groupId>").append(id)
                .append("</groupId><groupName>bulk-sg-").append(i).append("</groupName><groupDescription>bulk group ")
                .append(i).append(" of the large-account benchmark</groupDescription><vpcId>").append(vpc)
                .append("</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>").append(port)
                .append("</fromPort><toPort>").append(port).append("</toPort><groups/><ipRanges><item><cidrIp>")
                .append(cidr).append("</cidrIp><description>bulk ingress</description></item></ipRanges><ipv6Ranges/>"
                        + "<prefixListIds/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>"
                        + "<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/>"
                        + "<prefixListIds/></item></ipPermissionsEgress><tagSet><item><key>Name</key><value>bulk-sg-")
                .append(i).append("</value></item><item><key>team</key><value>team-").append(i % 40)
                .append("</value></item></tagSet><securityGroupArn>arn:aws:ec2:").append(region).append(':')
                .append(account).append(":security-group/").append(id).append("</securityGroupArn></item>");
    }

    private void forward(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
        String query = ex.getRequestURI().getRawQuery();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(moto + ex.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofMinutes(5))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> b.header(k, v));
            }
        });
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.headers().map().forEach((k, vs) -> {
            if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                ex.getResponseHeaders().put(k, List.copyOf(vs));
            }
        });
        byte[] out;
        try (InputStream in = r.body()) {
            out = in.readAllBytes();
        }
        boolean noBody = out.length == 0 || "HEAD".equals(ex.getRequestMethod());
        if (noBody && "HEAD".equals(ex.getRequestMethod())) {
            r.headers().firstValue("content-length").ifPresent(l -> ex.getResponseHeaders().set("Content-Length", l));
        }
        ex.sendResponseHeaders(r.statusCode(), noBody ? -1 : out.length);
        if (!noBody) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : body.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            m.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String encode(Map<String, String> form) {
        StringBuilder s = new StringBuilder();
        form.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
