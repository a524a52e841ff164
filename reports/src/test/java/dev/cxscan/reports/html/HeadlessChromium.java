package dev.cxscan.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's own client): sees every
 * network request the page makes, every console message, exception and browser log entry (CSP violations
 * included), and can evaluate script, take screenshots and print to PDF. Test-only.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("CXSCAN_CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final long TIMEOUT_S = 60;

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private String session;

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    HeadlessChromium() throws Exception {
        profile = Files.createTempDirectory("cxscan-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-default-apps", "--mute-audio",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    stderr.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            endpoint.completeExceptionally(new IllegalStateException("chromium exited before DevTools listened: " + stderr));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String ws = endpoint.get(TIMEOUT_S, TimeUnit.SECONDS);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), new Listener())
                .get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode msg = json.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            if (msg.has("error")) {
                                f.completeExceptionally(new IllegalStateException("CDP error: " + msg.get("error")));
                            } else {
                                f.complete(msg.path("result"));
                            }
                        }
                    } else {
                        events.add(msg);
                    }
                } catch (IOException e) {
                    events.add(json.createObjectNode().put("method", "cxscan.parseError").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Sends a command to the attached page (or the browser before {@link #openPage}). */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = json.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", json.valueToTree(params));
        if (session != null && !method.startsWith("Target.") && !method.startsWith("Browser.")) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(json.writeValueAsString(msg), true).get(TIMEOUT_S, TimeUnit.SECONDS);
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Opens a page target, attaches to it, and enables network, console, log and page events. */
    void openPage(int width, int height) throws Exception {
        String target = send("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
        send("Network.enable", Map.of());
        send("Runtime.enable", Map.of());
        send("Log.enable", Map.of());
        send("Page.enable", Map.of());
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Navigates and waits for the load event. */
    void navigate(String url) throws Exception {
        int before = events.size();
        send("Page.navigate", Map.of("url", url));
        waitFor(e -> "Page.loadEventFired".equals(e.path("method").asText()), before);
    }

    void waitFor(Predicate<JsonNode> p, int from) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            for (int i = from; i < events.size(); i++) {
                if (p.test(events.get(i))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("timed out waiting for a DevTools event");
    }

    /** Evaluates an expression in the page and returns its JSON value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** URLs of every request the page started. */
    List<String> requestedUrls() {
        return events.stream().filter(e -> "Network.requestWillBeSent".equals(e.path("method").asText()))
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
    }

    /** Console errors and warnings, uncaught exceptions, and browser log entries of level error or warning. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            if (m.equals("Runtime.consoleAPICalled") && List.of("error", "warning", "assert").contains(p.path("type").asText())) {
                out.add("console." + p.path("type").asText() + ": " + p.path("args"));
            } else if (m.equals("Runtime.exceptionThrown")) {
                out.add("exception: " + p.path("exceptionDetails"));
            } else if (m.equals("Log.entryAdded") && List.of("error", "warning").contains(p.path("entry").path("level").asText())) {
                out.add("log " + p.path("entry").path("source").asText() + ": " + p.path("entry").path("text").asText()
                        + " " + p.path("entry").path("url").asText());
            } else if (m.equals("cxscan.parseError")) {
                out.add("unparsable DevTools message");
            }
        }
        return out;
    }

    byte[] screenshot(boolean fullPage) throws Exception {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("format", "png"));
        if (fullPage) {
            JsonNode size = send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
            params.put("captureBeyondViewport", true);
            params.put("clip", Map.of("x", 0, "y", 0, "width", size.path("width").asDouble(),
                    "height", Math.min(size.path("height").asDouble(), 14000), "scale", 1));
        }
        return java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data").asText());
    }

    /** A screenshot of one element (its bounding box in page coordinates). */
    byte[] screenshot(String selector) throws Exception {
        JsonNode r = eval("(() => { const b = document.querySelector('" + selector + "').getBoundingClientRect();"
                + " return {x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height}; })()");
        Map<String, Object> clip = Map.of("x", r.get("x").asDouble(), "y", r.get("y").asDouble(), "width", r.get("w").asDouble(),
                "height", Math.min(r.get("h").asDouble(), 6000), "scale", 1);
        return java.util.Base64.getDecoder().decode(send("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data").asText());
    }

    byte[] printToPdf() throws Exception {
        return java.util.Base64.getDecoder().decode(send("Page.printToPDF", Map.of("printBackground", true)).get("data").asText());
    }

    @Override
    public void close() throws Exception {
        try {
            // no answer is awaited: the browser may exit before it replies
            socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> walk = Files.walk(profile)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
