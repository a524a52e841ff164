package dev.cxscan.checks.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cxscan.checks.Diagnostics;
import dev.cxscan.checks.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Finds and loads the templates named on the command line: a template file, a folder (searched
 * recursively), or a cdk.out cloud assembly. Bad input never stops the scan: each problem becomes
 * an input error in {@link Diagnostics} (exit code 2) and the other inputs are still loaded.
 *
 * <ul>
 * <li>A file named on the command line must be a template (JSON or YAML, told apart by content);
 *     anything else is an input error.</li>
 * <li>A folder is searched recursively in sorted order for .json, .yaml, .yml and .template files.
 *     {@code .git}, {@code node_modules} and similar tool folders, cdk.out asset folders
 *     ({@code asset.*}) and symbolic links to folders are not entered (a warning names each such link, so a
 *     link loop cannot make the search run forever and no linked folder is skipped unseen). Files that are clearly not
 *     templates (manifest.json, package.json, *.assets.json, tsconfig*.json, ..., and any file without
 *     a top-level Resources or AWSTemplateFormatVersion key) are skipped silently; a file that looks
 *     like a template but does not parse is an input error. A folder that yields nothing is an
 *     input error ("no templates found").</li>
 * <li>A cloud assembly (a folder with a manifest.json that has "artifacts", or with the cdk.out
 *     marker file), given directly or met during a folder search, is read through its manifest only:
 *     the templates of its aws:cloudformation:stack artifacts (named by properties.stackName, else the
 *     artifact id), each followed by the nested stacks its AWS::CloudFormation::Stack resources name
 *     in Metadata aws:asset:path, then any other *.nested.template.json of the assembly, and stage
 *     sub-assemblies (cdk:cloud-assembly artifacts) recursively, in manifest order.</li>
 * </ul>
 * Each file is loaded once even if several inputs reach it. Files are read with one read each and
 * parsed on a small thread pool as soon as they are found; output order and diagnostics do not
 * depend on the pool (problems are reported in input order from the calling thread). One loader
 * runs one {@link #load} at a time.
 */
public final class TemplateLoader {
    /** Folders a search never enters: version control, dependencies, tool caches. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", ".hg", ".svn", "node_modules", ".venv",
            "__pycache__", ".idea", ".gradle", ".mvn", ".terraform");
    /** Well-known JSON/YAML files that are never CloudFormation templates. */
    private static final Set<String> NOT_TEMPLATES = Set.of("manifest.json", "tree.json", "cdk.json",
            "cdk.context.json", "package.json", "package-lock.json", "npm-shrinkwrap.json", "jsconfig.json",
            "composer.json", "cdk.out");
    private static final String NESTED_SUFFIX = ".nested.template.json";
    /** Bytes of an over-size file read to tell whether it is a template (to report it) or not (to skip it). */
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int MAX_THREADS = 4;

    private final Diagnostics diagnostics;
    /** Files already planned, by absolute normalized path, so that no file is loaded twice. */
    private final Set<Path> planned = new HashSet<>();
    /** The input being looked at. */
    private Plan current;
    /** Parses files while discovery goes on; null on a single core. */
    private ExecutorService pool;

    public TemplateLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Loads every template found under the inputs, in a stable order. */
    public List<Template> load(List<Path> inputs) {
        planned.clear();
        int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cxscan-template-loader");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            // files start parsing on the pool as soon as they are found
            List<Plan> plans = new ArrayList<>();
            for (Path input : inputs) {
                plans.add(discover(input));
            }
            current = null;
            List<Template> out = new ArrayList<>();
            for (Plan plan : plans) {
                Emitter emitter = new Emitter(out);
                emitter.items(plan.items);
                if (plan.folder && emitter.loaded == 0 && emitter.reported == 0 && plan.alreadyPlanned == 0) {
                    diagnostics.inputError(plan.display, null, "no templates found");
                }
            }
            return out;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
                pool = null;
            }
        }
    }

    // ---------------------------------------------------------------- discovery

    /** What one input yields, in output order: jobs, assemblies and errors met while looking. */
    private static final class Plan {
        final String display;
        final boolean folder;
        final List<Object> items = new ArrayList<>();
        /** Files this input reaches that an earlier input already loads. */
        int alreadyPlanned;

        Plan(String display, boolean folder) {
            this.display = display;
            this.folder = folder;
        }
    }

    /** One file to read and parse. */
    private static final class Job {
        final Path file;
        final Path display;
        final String stackName;
        /** Construct paths from the manifest, for templates synthesized without aws:cdk:path. */
        final CdkPathIndex cdkPaths;
        /** Named on the command line or by a manifest: not being a template is an error, not a skip. */
        final boolean explicit;
        /** The outcome being read on the pool; null when it is read when first needed. */
        Future<Outcome> pending;
        boolean emitted;

        Job(Path file, Path display, String stackName, boolean explicit, CdkPathIndex cdkPaths) {
            this.file = file;
            this.display = display;
            this.stackName = stackName;
            this.cdkPaths = cdkPaths;
            this.explicit = explicit;
        }
    }

    /** An input error found while looking for files, reported in its place in the output order. */
    private record Problem(String file, Integer line, String message) {
    }

    /** A cloud assembly: its stacks and stage sub-assemblies in manifest order, and its nested templates. */
    private static final class Assembly {
        final Path dir;
        final Path display;
        final List<Object> items = new ArrayList<>();
        /** *.nested.template.json files of this assembly, sorted, by absolute normalized path. */
        final Map<Path, Job> nested = new LinkedHashMap<>();

        Assembly(Path dir, Path display) {
            this.dir = dir;
            this.display = display;
        }
    }

    /** The manifest of a folder that is a cloud assembly; artifacts null when the manifest is broken. */
    private record Manifest(JsonNode artifacts, Problem problem) {
    }

    private Plan discover(Path input) {
        String display = input.toString();
        if (!Files.exists(input)) {
            Plan plan = new Plan(display, false);
            plan.items.add(new Problem(display, null, Files.isSymbolicLink(input)
                    ? "broken symbolic link" : "no such file or folder"));
            return plan;
        }
        Plan plan = new Plan(display, Files.isDirectory(input));
        current = plan;
        if (plan.folder) {
            folder(input, input, plan.items, new HashSet<>());
        } else if (Files.isRegularFile(input)) {
            addJob(plan.items, input, input, null, true);
        } else {
            plan.items.add(new Problem(display, null, "not a regular file or folder"));
        }
        return plan;
    }

    /** A folder: a cloud assembly read through its manifest, or else searched for template files. */
    private void folder(Path dir, Path display, List<Object> items, Set<Path> assemblies) {
        Manifest manifest = manifestOf(dir, display);
        if (manifest != null) {
            if (manifest.problem() != null) {
                items.add(manifest.problem());
            }
            if (manifest.artifacts() != null) {
                items.add(assembly(dir, display, manifest, assemblies));
                return;
            }
            // a broken manifest: still look at the files, so that the templates get checked
        }
        search(dir, display, items, assemblies);
    }

    private void search(Path dir, Path display, List<Object> items, Set<Path> assemblies) {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = new ArrayList<>(list.toList());
        } catch (IOException e) {
            items.add(new Problem(display.toString(), null, "cannot read folder: " + reason(e)));
            return;
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            String name = child.getFileName().toString();
            Path childDisplay = display.resolve(name);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                items.add(new Problem(childDisplay.toString(), null, "cannot read: " + reason(e)));
                continue;
            }
            if (attrs.isDirectory()) {
                if (!SKIPPED_FOLDERS.contains(name) && !name.startsWith("asset.")) {
                    folder(child, childDisplay, items, assemblies);
                }
            } else if (attrs.isSymbolicLink() && Files.isDirectory(child)) {
                // never followed, so a link back up the tree cannot loop the search; said, so nothing is missed unseen
                diagnostics.warn(childDisplay + ": symbolic link to a folder, not followed (give its target as a PATH to scan it)");
            } else if ((attrs.isRegularFile() || attrs.isSymbolicLink() && !Files.isDirectory(child))
                    && mayBeTemplate(name)) {
                addJob(items, child, childDisplay, null, false);
            }
        }
    }

    /** By name only: a JSON/YAML/.template file that is not a well-known non-template. */
    static boolean mayBeTemplate(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        boolean extension = name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")
                || name.endsWith(".template");
        return extension && !NOT_TEMPLATES.contains(name) && !name.endsWith(".assets.json")
                && !name.startsWith("tsconfig");
    }

    /**
     * The manifest when {@code dir} is a cloud assembly, else null. A folder is one when its
     * manifest.json has "artifacts", or when it has the cdk.out marker file or is named cdk.out (then a
     * manifest that does not parse is an input error rather than an unrelated manifest.json).
     */
    private Manifest manifestOf(Path dir, Path display) {
        Path file = dir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Path fileName = dir.getFileName();
        boolean marked = Files.isRegularFile(dir.resolve("cdk.out"))
                || fileName != null && fileName.toString().equals("cdk.out");
        String manifestDisplay = display.resolve("manifest.json").toString();
        JsonNode root;
        try {
            if (Files.size(file) > ParseLimits.MAX_TEMPLATE_BYTES) {
                return marked ? new Manifest(null, new Problem(manifestDisplay, null,
                        "rejected: cloud assembly manifest over the 50 MB limit")) : null;
            }
            root = JsonTemplateParser.parse(Files.readAllBytes(file)).root();
        } catch (TemplateFormatException e) {
            String problem = e.getMessage().replace("not a CloudFormation template: ", "");
            return marked ? new Manifest(null, new Problem(manifestDisplay, e.line(),
                    "invalid cloud assembly manifest: " + problem + "; run cdk synth again to rewrite it")) : null;
        } catch (IOException e) {
            return marked ? new Manifest(null, new Problem(manifestDisplay, null, "cannot read: " + reason(e))) : null;
        }
        JsonNode artifacts = root.get("artifacts");
        if (artifacts != null && artifacts.isObject()) {
            return new Manifest(artifacts, null);
        }
        if (!marked) {
            return null;
        }
        if (artifacts == null || artifacts.isNull()) {
            return new Manifest(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null); // an app without stacks
        }
        return new Manifest(null, new Problem(manifestDisplay, null,
                "invalid cloud assembly manifest: \"artifacts\" is not an object"));
    }

    private Assembly assembly(Path dir, Path display, Manifest manifest, Set<Path> assemblies) {
        Assembly a = new Assembly(dir, display);
        if (!assemblies.add(key(dir))) {
            return a; // a stage directory that points back at an assembly already read
        }
        String manifestDisplay = display.resolve("manifest.json").toString();
        Iterator<Map.Entry<String, JsonNode>> it = manifest.artifacts().fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode artifact = e.getValue();
            String type = artifact.path("type").asText("");
            JsonNode properties = artifact.path("properties");
            if (type.equals("aws:cloudformation:stack")) {
                String templateFile = properties.path("templateFile").asText("");
                if (templateFile.isEmpty()) {
                    a.items.add(new Problem(manifestDisplay, null, "stack " + id + " has no properties.templateFile"));
                    continue;
                }
                Path file = dir.resolve(templateFile);
                Path fileDisplay = display.resolve(templateFile);
                if (!Files.isRegularFile(file)) {
                    a.items.add(new Problem(fileDisplay.toString(), null,
                            "no such file: the template of stack " + id + " named in " + manifestDisplay));
                    continue;
                }
                String stackName = properties.path("stackName").asText("");
                addJob(a.items, file, fileDisplay, stackName.isEmpty() ? id : stackName, true, CdkPathIndex.of(artifact, dir));
            } else if (type.equals("cdk:cloud-assembly")) {
                String directoryName = properties.path("directoryName").asText("");
                Path sub = dir.resolve(directoryName);
                Path subDisplay = display.resolve(directoryName);
                Manifest subManifest = directoryName.isEmpty() || !Files.isDirectory(sub) ? null
                        : manifestOf(sub, subDisplay);
                if (subManifest == null) {
                    a.items.add(new Problem(manifestDisplay, null, "stage assembly " + id + ": "
                            + (directoryName.isEmpty() ? "no properties.directoryName"
                            : "no cloud assembly in " + subDisplay)));
                } else if (subManifest.problem() != null) {
                    a.items.add(subManifest.problem());
                } else {
                    a.items.add(assembly(sub, subDisplay, subManifest, assemblies));
                }
            }
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().endsWith(NESTED_SUFFIX) && Files.isRegularFile(p))
                    .sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()))
                    .forEach(p -> {
                        String name = p.getFileName().toString();
                        Job job = newJob(p, display.resolve(name),
                                name.substring(0, name.length() - NESTED_SUFFIX.length()), true);
                        if (job != null) {
                            a.nested.put(key(p), job);
                        }
                    });
        } catch (IOException e) {
            a.items.add(new Problem(display.toString(), null, "cannot read folder: " + reason(e)));
        }
        return a;
    }

    private void addJob(List<Object> items, Path file, Path display, String stackName, boolean explicit) {
        addJob(items, file, display, stackName, explicit, CdkPathIndex.NONE);
    }

    private void addJob(List<Object> items, Path file, Path display, String stackName, boolean explicit,
                        CdkPathIndex cdkPaths) {
        Job job = newJob(file, display, stackName, explicit, cdkPaths);
        if (job != null) {
            items.add(job);
        }
    }

    /** A job for the file, or null when another input already reaches it. */
    private Job newJob(Path file, Path display, String stackName, boolean explicit) {
        return newJob(file, display, stackName, explicit, CdkPathIndex.NONE);
    }

    private Job newJob(Path file, Path display, String stackName, boolean explicit, CdkPathIndex cdkPaths) {
        if (planned.add(key(file))) {
            Job job = new Job(file, display, stackName, explicit, cdkPaths);
            if (pool != null) {
                job.pending = pool.submit(() -> read(job));
            }
            return job;
        }
        if (current != null) {
            current.alreadyPlanned++;
        }
        return null;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------- reading and parsing

    /** What became of one file. */
    private sealed interface Outcome permits Loaded, Failed, Skipped {
    }

    private record Loaded(Template template) implements Outcome {
    }

    private record Failed(Integer line, String message) implements Outcome {
    }

    private record Skipped() implements Outcome {
    }

    private static Outcome await(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(null, "interrupted while loading");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error && !(cause instanceof StackOverflowError)) {
                throw error;
            }
            return new Failed(null, "cannot load: " + cause);
        }
    }

    /** Reads and parses one file; runs on the pool, so it reports nothing itself. */
    private static Outcome read(Job job) {
        try {
            long size = Files.size(job.file);
            if (size > ParseLimits.MAX_TEMPLATE_BYTES) {
                if (!job.explicit && !looksLikeTemplate(head(job.file))) {
                    return new Skipped();
                }
                return new Failed(null, "rejected: " + size + " bytes is over the "
                        + (ParseLimits.MAX_TEMPLATE_BYTES / (1024 * 1024)) + " MB limit");
            }
            byte[] content = Files.readAllBytes(job.file);
            if (!job.explicit && !looksLikeTemplate(TextEncoding.sniffable(content))) {
                return new Skipped();
            }
            ParsedDocument doc = TemplateParser.parseDocument(content);
            if (!job.explicit && !TemplateParser.declaresTemplate(doc)) {
                return new Skipped();
            }
            return new Loaded(TemplateParser.build(job.display.toString(), job.stackName, doc, job.cdkPaths));
        } catch (TemplateFormatException e) {
            return new Failed(e.line(), e.getMessage());
        } catch (IOException e) {
            return new Failed(null, "cannot read: " + reason(e));
        } catch (StackOverflowError e) {
            return new Failed(null, "rejected: nesting too deep");
        } catch (RuntimeException e) {
            return new Failed(null, "cannot load: " + e);
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file (or a broken link)";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            // the reason alone: the message repeats the path the error line already starts with
            return fs.getReason().toLowerCase(java.util.Locale.ROOT).contains("too many levels of symbolic links")
                    ? "symbolic link loop (too many levels of symbolic links)" : fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * A cheap look at a file found by a folder search: JSON that has a "Resources" or
     * "AWSTemplateFormatVersion" key somewhere, or YAML with such a key first on a line. Parsing then
     * tells whether the key is at the top level.
     */
    static boolean looksLikeTemplate(byte[] content) {
        int i = 0;
        if (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < content.length && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r' || content[i] == '\n')) {
            i++;
        }
        if (i < content.length && content[i] == '{') {
            return indexOf(content, "\"Resources\"") >= 0 || indexOf(content, "\"AWSTemplateFormatVersion\"") >= 0;
        }
        for (int p = 0; p < content.length; p++) {
            if (p == 0 || content[p - 1] == '\n') {
                int q = p;
                while (q < content.length && content[q] == ' ') {
                    q++; // a document may be indented as a whole
                }
                if (q < content.length && (content[q] == '"' || content[q] == '\'')) {
                    q++;
                }
                if (startsWithKey(content, q, "Resources") || startsWithKey(content, q, "AWSTemplateFormatVersion")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithKey(byte[] content, int at, String key) {
        if (at + key.length() > content.length) {
            return false;
        }
        for (int k = 0; k < key.length(); k++) {
            if (content[at + k] != key.charAt(k)) {
                return false;
            }
        }
        int p = at + key.length();
        if (p < content.length && (content[p] == '"' || content[p] == '\'')) {
            p++;
        }
        while (p < content.length && content[p] == ' ') {
            p++;
        }
        return p < content.length && content[p] == ':';
    }

    private static int indexOf(byte[] content, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= content.length; i++) {
            if (content[i] != n[0]) {
                continue;
            }
            for (int k = 1; k < n.length; k++) {
                if (content[i + k] != n[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- output in order

    /** Walks the plan in order: adds templates, reports failures, and follows nested stacks. */
    private final class Emitter {
        private final List<Template> out;
        int loaded;
        int reported;

        Emitter(List<Template> out) {
            this.out = out;
        }

        void items(List<Object> items) {
            for (Object item : items) {
                if (item instanceof Job job) {
                    job(job, null);
                } else if (item instanceof Problem p) {
                    report(p.file(), p.line(), p.message());
                } else if (item instanceof Assembly a) {
                    assembly(a);
                }
            }
        }

        private void assembly(Assembly a) {
            for (Object item : a.items) {
                if (item instanceof Job job) {
                    Template t = job(job, null);
                    if (t != null) {
                        nested(t, job, a);
                    }
                } else if (item instanceof Problem p) {
                    report(p.file(), p.line(), p.message());
                } else if (item instanceof Assembly sub) {
                    assembly(sub);
                }
            }
            for (Job job : a.nested.values()) {
                if (!job.emitted) {
                    Template t = job(job, null);
                    if (t != null) {
                        nested(t, job, a);
                    }
                }
            }
        }

        /** The nested stacks a parent names through aws:asset:path, each right after its parent. */
        private void nested(Template parent, Job parentJob, Assembly a) {
            Path dir = parentJob.file.getParent() == null ? Path.of("") : parentJob.file.getParent();
            Path displayDir = parentJob.display.getParent() == null ? Path.of("") : parentJob.display.getParent();
            for (Resource r : parent.resources()) {
                if (!r.type().equals("AWS::CloudFormation::Stack")) {
                    continue;
                }
                String assetPath = r.attribute("Metadata").path("aws:asset:path").asText("");
                if (assetPath.isEmpty() || !assetPath.endsWith(".json") && !assetPath.endsWith(".yaml")
                        && !assetPath.endsWith(".yml") && !assetPath.endsWith(".template")) {
                    continue; // the nested template is not part of the assembly (TemplateURL only)
                }
                Path file = dir.resolve(assetPath);
                String name = (parent.stackName() == null ? "" : parent.stackName() + "/") + r.id();
                Job job = a.nested.get(key(file));
                if (job == null) {
                    if (!Files.isRegularFile(file)) {
                        if (!planned.contains(key(file))) {
                            report(displayDir.resolve(assetPath).toString(), null, "no such file: the template of nested stack "
                                    + r.id() + " named in " + parent.path());
                        }
                        continue;
                    }
                    job = newJob(file, displayDir.resolve(assetPath), name, true);
                    if (job == null) {
                        continue; // already loaded through another input
                    }
                }
                if (job.emitted) {
                    continue;
                }
                Template t = job(job, name);
                if (t != null) {
                    nested(t, job, a);
                }
            }
        }

        /** Emits the job's outcome once; returns its template, or null. */
        private Template job(Job job, String stackName) {
            if (job.emitted) {
                return null;
            }
            job.emitted = true;
            Outcome outcome = job.pending != null ? await(job.pending) : read(job);
            if (outcome instanceof Loaded l) {
                Template t = l.template();
                if (stackName != null && !stackName.equals(t.stackName())) {
                    t = new Template(t.path(), stackName, t.root(), t.resources());
                }
                out.add(t);
                loaded++;
                return t;
            }
            if (outcome instanceof Failed f) {
                report(job.display.toString(), f.line(), f.message());
            }
            return null;
        }

        private void report(String file, Integer line, String message) {
            diagnostics.inputError(file, line, message);
            reported++;
        }
    }
}
