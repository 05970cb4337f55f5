package org.wikimedia.phlogiston.scope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import org.wikimedia.phlogiston.PhlogistonProperties;

/**
 * The scopes folder: one sub-folder per scope, named by its prefix, holding {@code scope.ini} and
 * {@code recategorization.csv} (a team's {@code <prefix>_scope.py} and {@code <prefix>_recategorization.csv},
 * copied unchanged).
 */
@Component
public class ScopeFiles {

    private static final Pattern SCOPE_NAME = Pattern.compile("[a-z0-9]{1,6}");

    private final Path scopesDir;

    @Autowired
    public ScopeFiles(PhlogistonProperties properties) {
        this(properties.scopesDir());
    }

    public ScopeFiles(Path scopesDir) {
        this.scopesDir = scopesDir;
    }

    public Path scopesDir() {
        return scopesDir;
    }

    /** The prefixes of the scopes in the folder, sorted; sub-folders with other names are not scopes. */
    public List<String> prefixes() {
        if (!Files.isDirectory(scopesDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(scopesDir)) {
            return entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString())
                    .filter(name -> SCOPE_NAME.matcher(name).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the scopes folder " + scopesDir.toAbsolutePath(), e);
        }
    }

    /**
     * The scope as written, ready to be resolved.
     *
     * @throws ScopeException if the prefix is not a scope name (checked before any file is opened), or if the files
     *                        have problems; the exception lists every problem found
     */
    public Scope read(String prefix) {
        ScopeReading reading = readLeniently(prefix);
        if (!reading.problems().isEmpty()) {
            throw new ScopeException(prefix, scopesDir, reading.problems());
        }
        return reading.scope();
    }

    /** Refuses anything but 1–6 lowercase letters or digits, so that a name can never lead outside the folder. */
    public static void requireScopeName(String prefix) {
        if (prefix == null || !SCOPE_NAME.matcher(prefix).matches()) {
            throw new ScopeException("'" + prefix + "' is not a scope name: 1–6 lowercase letters or digits");
        }
    }

    /** What could be read of a scope, with every problem of its files; lines with wrong values are left out. */
    record ScopeReading(Scope scope, List<ScopeProblem> problems, Map<String, Integer> settingLines) {
    }

    ScopeReading readLeniently(String prefix) {
        requireScopeName(prefix);
        Path directory = scopesDir.resolve(prefix);
        FileProblems settingsProblems = new FileProblems(Path.of(prefix, SettingsFile.NAME));
        FileProblems rulesProblems = new FileProblems(Path.of(prefix, RulesFile.NAME));
        SettingsFile settingsFile = new SettingsFile(settingsProblems);
        RulesFile rulesFile = new RulesFile(rulesProblems);
        List<ScopeProblem> problems = new ArrayList<>();
        List<CategoryRule> rules = List.of();
        if (Files.isDirectory(directory)) {
            text(directory.resolve(SettingsFile.NAME), settingsProblems).ifPresent(settingsFile::parse);
            rules = text(directory.resolve(RulesFile.NAME), rulesProblems).map(rulesFile::parse).orElse(List.of());
        } else {
            List<String> existing = prefixes();
            problems.add(new ScopeProblem(Path.of(prefix), 0, "there is no such scope: " + directory.toAbsolutePath()
                    + " does not exist; " + (existing.isEmpty() ? "that folder has no scopes" : "the scopes are " + String.join(", ", existing))));
        }
        ScopeSettings settings = settingsFile.settings();
        Workflow workflow = settingsFile.workflow();
        problems.addAll(settingsProblems.list());
        problems.addAll(rulesProblems.list());
        return new ScopeReading(new Scope(prefix, directory, settings, rules, workflow), List.copyOf(problems), settingsFile.lines());
    }

    private static Optional<String> text(Path file, FileProblems problems) {
        try {
            String text = Files.readString(file);
            // editors on Windows start UTF-8 files with a byte order mark
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            problems.add(0, "is missing: a scope folder holds scope.ini (the original's <prefix>_scope.py) and "
                    + "recategorization.csv (<prefix>_recategorization.csv)");
        } catch (CharacterCodingException e) {
            problems.add(0, "is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            problems.add(0, "cannot be read (" + e.getMessage() + "): check that it is a file you may read");
        }
        return Optional.empty();
    }
}
