package org.wikimedia.phlogiston.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.springframework.stereotype.Component;

/**
 * The page templates, stylesheet and table script of {@code html/}, which the build puts on the class path under
 * {@code templates/}. Every template writes HTML with auto-escaping, so text from Phabricator (task and project
 * titles) and from scope files can never become markup.
 */
@Component
public class ReportTemplates {

    private static final String CLASS_PATH_FOLDER = "/templates";

    private final Configuration freemarker;

    public ReportTemplates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(ReportTemplates.class, CLASS_PATH_FOLDER);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        // Pages are the same wherever they are built: no locale-dependent digit grouping of task ids.
        freemarker.setLocale(Locale.ROOT);
        freemarker.setNumberFormat("computer");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** The template's output for the model (its top-level names are the model's accessors or keys). */
    public String render(String template, Object model) {
        try {
            StringWriter out = new StringWriter();
            freemarker.getTemplate(template).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + template + " failed: " + e.getMessage(), e);
        }
    }

    /** Copies a static file of {@code html/} (stylesheet, script) into {@code dir} under the same name. */
    public void copyAsset(String name, Path dir) throws IOException {
        try (InputStream in = ReportTemplates.class.getResourceAsStream(CLASS_PATH_FOLDER + "/" + name)) {
            if (in == null) {
                throw new IOException("No " + name + " in " + CLASS_PATH_FOLDER + " on the class path");
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
