package org.wikimedia.phlogiston.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A scope's published report as a reader finds it: the version folder {@code <output>/<scope>} links to, its files,
 * and everything that makes it incomplete. A report is complete when the link points to a published version
 * (never a draft), every page is whole and every page, chart and data file it references is there.
 */
record PublishedReport(String version, Set<String> files, int drafts, List<String> problems) {

    private static final Pattern REFERENCE = Pattern.compile("(?:href|src)=\"([^\"#?]*)\"");
    private static final byte[] PNG_END = {0x49, 0x45, 0x4E, 0x44, (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final String DRAFT_PREFIX = ".draft-";

    static PublishedReport read(Path output, String scope) {
        try {
            return inspect(output, scope);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the published report in " + output, e);
        }
    }

    private static PublishedReport inspect(Path output, String scope) throws IOException {
        Path link = output.resolve(scope);
        Path versions = output.resolve(".versions").resolve(scope);
        int drafts = 0;
        if (Files.isDirectory(versions)) {
            try (Stream<Path> entries = Files.list(versions)) {
                drafts = (int) entries.filter(p -> p.getFileName().toString().startsWith(DRAFT_PREFIX)).count();
            }
        }
        List<String> problems = new ArrayList<>();
        if (!Files.isSymbolicLink(link)) {
            problems.add(link + (Files.exists(link) ? " is not a link" : " is missing"));
            return new PublishedReport(null, Set.of(), drafts, problems);
        }
        Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
        String version = target.getFileName().toString();
        if (!target.getParent().equals(versions) || version.startsWith(DRAFT_PREFIX) || !Files.isDirectory(target)) {
            problems.add(link + " points to " + target + ", not a published version folder of " + versions);
            return new PublishedReport(null, Set.of(), drafts, problems);
        }
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = target.relativize(file).toString();
                files.add(name);
                problems.addAll(fileProblems(link, name, file));
            }
        }
        if (files.stream().noneMatch(name -> name.startsWith("data/"))) {
            problems.add(version + " has no data files");
        }
        problems.addAll(fileProblems(output, "index.html", output.resolve("index.html")));
        if (!files.contains("index.html")) {
            problems.add(version + " has no index.html");
        }
        return new PublishedReport(version, files, drafts, problems);
    }

    /** An empty file, a page cut short, a chart cut short, a reference to a file that is not there. */
    private static List<String> fileProblems(Path base, String name, Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return List.of(file + " is missing");
        }
        byte[] content = Files.readAllBytes(file);
        if (content.length == 0) {
            problems.add(name + " is empty");
        } else if (name.endsWith(".png") && !endsWith(content, PNG_END)) {
            problems.add(name + " is not a whole PNG image");
        } else if (name.endsWith(".html")) {
            String page = new String(content, StandardCharsets.UTF_8);
            if (!page.stripTrailing().endsWith("</html>")) {
                problems.add(name + " ends before </html>");
            }
            Path pageDir = base.resolve(name).getParent();
            Matcher references = REFERENCE.matcher(page);
            Set<String> missing = new TreeSet<>();
            while (references.find()) {
                String reference = references.group(1);
                if (!reference.isEmpty() && !reference.contains(":") && !reference.startsWith("/")
                        && !Files.exists(pageDir.resolve(reference).normalize())) {
                    missing.add(reference);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(name + " references missing " + String.join(", ", missing));
            }
        }
        return problems;
    }

    private static boolean endsWith(byte[] content, byte[] end) {
        return content.length >= end.length
                && Arrays.equals(content, content.length - end.length, content.length, end, 0, end.length);
    }

    /**
     * The problems, and the files missing or extra against the complete reports the clean runs published: a
     * version with all its pages whole can still lack a chart that no page links to.
     */
    List<String> problemsAgainst(Collection<Set<String>> completeFileSets) {
        if (version == null || completeFileSets.isEmpty() || completeFileSets.contains(files)) {
            return problems;
        }
        Set<String> nearest = completeFileSets.stream()
                .min((a, b) -> Integer.compare(difference(a).size(), difference(b).size())).orElseThrow();
        List<String> all = new ArrayList<>(problems);
        all.add(version + " differs from a complete report in " + String.join(", ", difference(nearest)));
        return all;
    }

    private Set<String> difference(Set<String> complete) {
        Set<String> differing = new TreeSet<>();
        complete.stream().filter(name -> !files.contains(name)).map(name -> "-" + name).forEach(differing::add);
        files.stream().filter(name -> !complete.contains(name)).map(name -> "+" + name).forEach(differing::add);
        return differing;
    }
}
