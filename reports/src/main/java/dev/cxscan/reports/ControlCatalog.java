package dev.cxscan.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist controls and the check catalog, read from the bundled {@code catalog.json}:
 * the one place that maps check ids to controls.
 */
public final class ControlCatalog {
    private static final String RESOURCE = "/dev/cxscan/reports/catalog.json";
    private static volatile ControlCatalog bundled;

    private final String checklist;
    private final Map<String, Control> controls;
    private final Map<String, CatalogCheck> checks;

    private ControlCatalog(String checklist, List<Control> controls, List<CatalogCheck> checks) {
        this.checklist = checklist;
        this.controls = new LinkedHashMap<>();
        controls.forEach(c -> this.controls.put(c.id(), c));
        this.checks = new LinkedHashMap<>();
        checks.forEach(c -> this.checks.put(c.id(), c));
    }

    /** The catalog shipped in the jar. */
    public static ControlCatalog bundled() {
        ControlCatalog c = bundled;
        if (c == null) {
            synchronized (ControlCatalog.class) {
                if (bundled == null) {
                    bundled = load();
                }
                c = bundled;
            }
        }
        return c;
    }

    private record CatalogFile(String checklist, List<Control> controls, List<CatalogCheck> checks) {
    }

    private static ControlCatalog load() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = ControlCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("control catalog " + RESOURCE + " is missing from the classpath");
            }
            CatalogFile file = mapper.readValue(in, CatalogFile.class);
            return new ControlCatalog(file.checklist(), file.controls(), file.checks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read control catalog " + RESOURCE, e);
        }
    }

    /** Name and version of the checklist the text is quoted from. */
    public String checklist() {
        return checklist;
    }

    public List<Control> controls() {
        return List.copyOf(controls.values());
    }

    public Optional<Control> control(String id) {
        return Optional.ofNullable(controls.get(id));
    }

    public List<CatalogCheck> checks() {
        return List.copyOf(checks.values());
    }

    public Optional<CatalogCheck> check(String id) {
        return Optional.ofNullable(checks.get(id));
    }
}
