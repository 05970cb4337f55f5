package org.wikimedia.phlogiston;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links and images between the Markdown files of a folder tree as GitHub resolves them: the
 * target file must exist and a {@code #anchor} into a Markdown file must be the slug of one of its headings.
 */
final class MarkdownLinks {

    /** Folders that hold build output or tools' copies, not the project's documentation. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)((?:(?!\\n[ \\t]*\\n).)+?)\\1", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]\\n]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern WITH_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    /** GitHub keeps letters, marks, digits, connector punctuation such as {@code _}, hyphens and spaces. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every Markdown file under the root, outside hidden folders and build output, in path order. */
    List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    String name = folder.getFileName().toString();
                    boolean skipped = !folder.equals(root) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** The broken links of every Markdown file, each as {@code file:line: link: why}, paths relative to the root. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : markdownFiles()) {
            problems.addAll(problems(file));
        }
        return problems;
    }

    /** The broken links of one Markdown file. */
    List<String> problems(Path file) {
        List<String> problems = new ArrayList<>();
        String[] lines = proseOnly(read(file)).split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            Matcher link = LINK.matcher(lines[index]);
            while (link.find()) {
                String target = link.group(1);
                String problem = problemOf(file, target);
                if (problem != null) {
                    problems.add(root.relativize(file) + ":" + (index + 1) + ": " + target + ": " + problem);
                }
            }
        }
        return problems;
    }

    private String problemOf(Path file, String target) {
        if (WITH_SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        Path targetFile = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!Files.exists(targetFile)) {
            return "no file " + root.relativize(targetFile);
        }
        if (hash < 0 || !targetFile.toString().endsWith(".md")) {
            return null;
        }
        String anchor = URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        if (anchors(targetFile).contains(anchor)) {
            return null;
        }
        return "no heading #" + anchor + " in " + root.relativize(targetFile);
    }

    private Set<String> anchors(Path file) {
        return anchorsByFile.computeIfAbsent(file, f -> anchorsOf(read(f)));
    }

    /** The anchors GitHub gives the headings of a Markdown text; a repeated slug gets {@code -1}, {@code -2}, .... */
    static Set<String> anchorsOf(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
        }
        return anchors;
    }

    /** GitHub's anchor for a heading: its text as rendered, lower-case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = INLINE_LINK.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    /**
     * The text with fenced code blocks and code spans blanked, their line breaks kept so that line numbers stay
     * true: what looks like a link inside code is not one.
     */
    static String proseOnly(String markdown) {
        StringBuilder prose = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            boolean fence = FENCE.matcher(line).find();
            if (fence) {
                inFence = !inFence;
            }
            prose.append(fence || inFence ? "" : line).append('\n');
        }
        Matcher span = CODE_SPAN.matcher(prose);
        StringBuilder blanked = new StringBuilder();
        while (span.find()) {
            span.appendReplacement(blanked, span.group().replaceAll("[^\\n]", ""));
        }
        span.appendTail(blanked);
        return blanked.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
