package dev.cxscan.checks.template;

import dev.cxscan.checks.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads the templates named on the command line: a template file, a folder (searched
 * recursively), or a cdk.out cloud assembly. Bad input never stops the scan: each problem becomes
 * an input error in {@link Diagnostics} (exit code 2) and the other inputs are still loaded.
 */
public final class TemplateLoader {
    private final Diagnostics diagnostics;

    public TemplateLoader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Loads every template found under the inputs, in a stable order. */
    public List<Template> load(List<Path> inputs) {
        List<Template> out = new ArrayList<>();
        for (Path input : inputs) {
            String display = input.toString();
            if (!Files.exists(input)) {
                diagnostics.inputError(display, null, "no such file or folder");
                continue;
            }
            try {
                out.add(TemplateParser.parse(display, Files.readAllBytes(input)));
            } catch (TemplateFormatException e) {
                diagnostics.inputError(display, e.line(), e.getMessage());
            } catch (IOException e) {
                diagnostics.inputError(display, null, "cannot read: " + e.getMessage());
            }
        }
        return out;
    }
}
