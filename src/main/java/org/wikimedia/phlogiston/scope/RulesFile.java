package org.wikimedia.phlogiston.scope;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.wikimedia.phlogiston.scope.CategoryRule.Display;
import org.wikimedia.phlogiston.scope.CategoryRule.RuleType;

/**
 * Reads {@code recategorization.csv}: the original's {@code <prefix>_recategorization.csv} unchanged. The first
 * line names the columns, in any order and any case, quoted or not; values are trimmed; blank lines are skipped.
 * A line with a wrong value is reported and left out of the rules.
 */
final class RulesFile {

    static final String NAME = "recategorization.csv";

    private static final String RULE = "rule";
    private static final String TITLE = "title";
    private static final String DISPLAY = "display";
    private static final String ID = "id";
    private static final String MATCHSTRING = "matchstring";
    private static final String FORCE_STATUS = "force_status";
    private static final String INCLUDE_IN_STATUS = "include_in_status";
    private static final List<String> COLUMNS = List.of(RULE, TITLE, DISPLAY, ID, MATCHSTRING, FORCE_STATUS, INCLUDE_IN_STATUS);

    /** The one status a category can force on its tasks. */
    private static final String RESOLVED = "resolved";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setTrim(true).get();
    private static final String RULE_NAMES = Arrays.stream(RuleType.values()).map(RuleType::fileName).collect(Collectors.joining(", "));

    private final FileProblems problems;

    RulesFile(FileProblems problems) {
        this.problems = problems;
    }

    List<CategoryRule> parse(String content) {
        List<CategoryRule> rules = new ArrayList<>();
        LineNumbers lineNumbers = new LineNumbers(content);
        Header header = null;
        long linesRead = 0;
        try (CSVParser parser = FORMAT.parse(new StringReader(content))) {
            for (CSVRecord record : parser) {
                int line = lineNumbers.lineOfRecordAt(record.getCharacterPosition());
                if (record.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (header == null) {
                    header = header(record, line);
                    if (header == null) {
                        return List.of();
                    }
                } else {
                    rule(record, line, header).ifPresent(rules::add);
                }
                linesRead = parser.getCurrentLineNumber();
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add((int) linesRead + 1, "a quoted value is not closed: add the missing \" (the lines after it were not read)");
            return rules;
        }
        if (header == null) {
            problems.add(0, "is empty: its first line must name the columns, e.g. " + String.join(",", COLUMNS.subList(0, 5)));
        }
        return rules;
    }

    /** Column name → position. */
    private record Header(Map<String, Integer> columns, int size) {
    }

    private Header header(CSVRecord record, int line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                problems.add(line, "unknown column '" + record.get(i) + "': correct the header; the columns are " + String.join(", ", COLUMNS));
            } else if (columns.putIfAbsent(name, i) != null) {
                problems.add(line, "column '" + name + "' is named twice in the header: keep one");
            }
        }
        if (!columns.containsKey(RULE)) {
            problems.add(line, "the header has no column 'rule': the first line must name the columns, e.g. "
                    + String.join(",", COLUMNS.subList(0, 5)));
            return null;
        }
        return new Header(columns, record.size());
    }

    private Optional<CategoryRule> rule(CSVRecord record, int line, Header header) {
        int problemsBefore = problems.count();
        if (record.stream().skip(header.size()).anyMatch(value -> !value.isEmpty())) {
            problems.add(line, "this line has more values than the header has columns: quote values that contain a comma");
        }
        RuleType type = ruleType(value(record, header, RULE), line);
        Display display = display(value(record, header, DISPLAY), line);
        List<Integer> ids = ids(value(record, header, ID), line);
        String forceStatus = forceStatus(value(record, header, FORCE_STATUS), line);
        boolean includeInStatus = includeInStatus(value(record, header, INCLUDE_IN_STATUS), line);
        if (problems.count() > problemsBefore) {
            return Optional.empty();
        }
        return Optional.of(new CategoryRule(line, type, value(record, header, TITLE), display, ids,
                value(record, header, MATCHSTRING), forceStatus, includeInStatus));
    }

    /** The value in the column, or "" when the file has no such column or the line stops before it. */
    private static String value(CSVRecord record, Header header, String column) {
        Integer position = header.columns().get(column);
        return position == null || position >= record.size() ? "" : record.get(position);
    }

    private RuleType ruleType(String text, int line) {
        for (RuleType type : RuleType.values()) {
            if (type.fileName().equalsIgnoreCase(text)) {
                return type;
            }
        }
        problems.add(line, (text.isEmpty() ? "the rule is empty" : "unknown rule '" + text + "'") + ": use one of " + RULE_NAMES);
        return null;
    }

    private Display display(String text, int line) {
        if (text.isEmpty()) {
            return Display.SHOW;
        }
        for (Display display : Display.values()) {
            if (display.name().equalsIgnoreCase(text)) {
                return display;
            }
        }
        problems.add(line, "unknown display '" + text + "': use show, hide or omit (empty means show)");
        return null;
    }

    private List<Integer> ids(String text, int line) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Integer> ids = new ArrayList<>();
        for (String id : text.split("\\s+")) {
            Optional<Integer> number = ScopeValues.wholeNumber(id);
            if (number.isEmpty()) {
                problems.add(line, "id '" + text + "' is not a list of project ids: write the ids as numbers separated by spaces, e.g. 105 101");
                return List.of();
            }
            ids.add(number.get());
        }
        return List.copyOf(ids);
    }

    private String forceStatus(String text, int line) {
        if (text.isEmpty() || text.equalsIgnoreCase(RESOLVED)) {
            return text.toLowerCase(Locale.ROOT);
        }
        problems.add(line, "force_status '" + text
                + "' is not possible: write resolved (every task of the category counts as resolved) or leave it empty");
        return "";
    }

    private boolean includeInStatus(String text, int line) {
        if (text.isEmpty()) {
            return false;
        }
        Optional<Boolean> value = ScopeValues.bool(text);
        if (value.isEmpty()) {
            problems.add(line, "include_in_status '" + text + "' is not " + ScopeValues.EXPECTED_BOOLEAN + " (or leave it empty)");
        }
        return value.orElse(false);
    }

    /** Turns a record's character position into the line it starts on. */
    private static final class LineNumbers {
        private final String content;
        private final List<Integer> lineStarts = new ArrayList<>();

        LineNumbers(String content) {
            this.content = content;
            lineStarts.add(0);
            for (int i = 0; i < content.length(); i++) {
                if (content.charAt(i) == '\n') {
                    lineStarts.add(i + 1);
                }
            }
        }

        /** A record's position is where the parser started reading it, before the blank lines it skipped. */
        int lineOfRecordAt(long position) {
            int start = (int) position;
            while (start < content.length() && (content.charAt(start) == '\n' || content.charAt(start) == '\r')) {
                start++;
            }
            int index = Collections.binarySearch(lineStarts, start);
            return index >= 0 ? index + 1 : -index - 1;
        }
    }
}
