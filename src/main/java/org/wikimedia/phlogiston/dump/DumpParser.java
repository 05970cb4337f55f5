package org.wikimedia.phlogiston.dump;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.wikimedia.phlogiston.dump.DumpRows.ColumnRow;
import org.wikimedia.phlogiston.dump.DumpRows.ProjectRow;
import org.wikimedia.phlogiston.dump.DumpRows.TaskEdge;
import org.wikimedia.phlogiston.dump.DumpRows.TaskRow;
import org.wikimedia.phlogiston.dump.DumpRows.TransactionRow;

/**
 * Reads a Phabricator dump with Jackson's streaming API, one token at a time, so that memory use does not
 * depend on the size of the dump. Damage inside a row is counted in the {@link DefectLog} and the row is
 * dropped or blanked; damage to the document itself (not JSON, cut off, wrong shape) is a
 * {@link DumpFormatException}.
 */
public final class DumpParser {

    private static final int TASK_EDGE_PROJECT = 41;
    private static final int TASK_EDGE_SUBTASK = 3;
    private static final long LATEST_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
    /** Transaction ids up to this are tracked in a bit set (16 MB at most); rarer, larger ones in a hash set. */
    private static final int BIT_SET_LIMIT = 1 << 27;

    private final ObjectMapper json;
    private final DefectLog defects;
    private final DumpSink sink;
    private final Progress progress;
    private final BitSet taskIds = new BitSet();
    private final BitSet transactionIds = new BitSet();
    private final Set<Long> largeTransactionIds = new HashSet<>();
    private final MembershipHistory memberships;
    private JsonParser parser;
    /** The task being read, if any: damage to the document is reported with it. */
    private Integer taskBeingRead;
    private long tasks;
    private long transactions;
    private Instant latestChange = Instant.EPOCH;

    /** Told of the parser's advance, for progress reports. */
    public interface Progress {
        void advanced(long bytesRead, long tasksRead);
    }

    public DumpParser(ObjectMapper json, DefectLog defects, DumpSink sink, Progress progress) {
        this.json = json;
        this.defects = defects;
        this.sink = sink;
        this.progress = progress;
        this.memberships = new MembershipHistory(json, defects);
    }

    /** What was read: counts, and the time of the latest change in the dump. */
    public record Summary(long tasks, long transactions, Instant latestChange) {
    }

    public Summary parse(InputStream in) throws IOException {
        boolean sawTasks = false;
        boolean sawProjects = false;
        try (JsonParser p = json.getFactory().createParser(in)) {
            parser = p;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DumpFormatException("the dump is not a JSON object with \"task\" and \"project\" (check: top-level shape)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                JsonToken value = p.nextToken();
                if (("task".equals(section) || "project".equals(section)) && value != JsonToken.START_OBJECT) {
                    throw wrongShape("\"" + section + "\"", value, "an object");
                }
                if ("task".equals(section)) {
                    readTasks();
                    sawTasks = true;
                } else if ("project".equals(section)) {
                    readProjectSection();
                    sawProjects = true;
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new DumpFormatException("the dump has content after its end (check: document parsed to the end)");
            }
        } catch (JsonEOFException e) {
            // not chained to Jackson's exception, whose message repeats ours with a location that names no file
            throw new DumpFormatException("the dump ends in the middle of the document at %s: it was cut off (check: document parsed to the end)"
                    .formatted(where()));
        } catch (JsonParseException e) {
            throw new DumpFormatException("the dump is not valid JSON at %s: %s (check: document parsed to the end)"
                    .formatted(where(), e.getOriginalMessage()));
        } catch (StreamConstraintsException e) {
            throw new DumpFormatException("the dump has a value too long to read at %s: %s (check: document parsed to the end)"
                    .formatted(where(), e.getOriginalMessage()));
        }
        if (!sawTasks || !sawProjects) {
            throw new DumpFormatException("the dump has no \"%s\" section (check: top-level shape)".formatted(sawTasks ? "project" : "task"));
        }
        return new Summary(tasks, transactions, latestChange);
    }

    /** The byte the parser is at, and the task it is in, for messages about damage to the document. */
    private String where() {
        String at = "byte %,d".formatted(parser.currentLocation().getByteOffset());
        return taskBeingRead == null ? at : at + " (in task " + taskBeingRead + ")";
    }

    private DumpFormatException wrongShape(String what, JsonToken value, String expected) {
        String found = switch (value) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_NULL -> "null";
            default -> "true or false";
        };
        return new DumpFormatException("the dump's %s is %s, not %s, at %s (check: top-level shape)".formatted(what, found, expected, where()));
    }

    private void readTasks() throws IOException {
        JsonParser p = parser;
        while (next() == JsonToken.FIELD_NAME) {
            Integer taskId = parseInt(p.currentName());
            JsonToken value = next();
            if (taskId == null || taskId < 0 || value != JsonToken.START_OBJECT) {
                defects.add(Defect.REJECTED_TASK, taskId == null ? -1 : taskId);
                p.skipChildren();
                continue;
            }
            if (taskIds.get(taskId)) {
                defects.add(Defect.DUPLICATE_TASK, taskId);
                p.skipChildren();
                continue;
            }
            taskIds.set(taskId);
            taskBeingRead = taskId;
            readTask(taskId);
            taskBeingRead = null;
            tasks++;
            if ((tasks & 1023) == 0) {
                progress.advanced(p.currentLocation().getByteOffset(), tasks);
            }
        }
    }

    private void readTask(int taskId) throws IOException {
        JsonParser p = parser;
        TaskRow task = null;
        while (next() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = next();
            switch (field) {
                case "info" -> task = readInfo(taskId, value);
                case "transactions" -> readTransactions(taskId, value);
                case "edge" -> readTaskEdges(taskId, value);
                default -> p.skipChildren();
            }
        }
        if (task == null) {
            defects.add(Defect.EMPTY_INFO, taskId);
            task = TaskRow.blank(taskId);
        }
        sink.task(task);
        memberships.emit(taskId, sink);
    }

    /** INFO_ROW: [id, phid, authorPHID, ownerPHID, status, priority, title, dateCreated, dateModified, subpriority, points, ...]. */
    private TaskRow readInfo(int taskId, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        String phid = null, author = null, owner = null, status = null, title = null, points = null;
        Integer priority = null;
        Instant created = null, modified = null;
        int index = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next(), index++) {
            switch (index) {
                case 1 -> phid = text(t);
                case 2 -> author = text(t);
                case 3 -> owner = text(t);
                case 4 -> status = text(t);
                case 5 -> priority = parseInt(text(t));
                case 6 -> title = text(t);
                case 7 -> created = epochSeconds(t);
                case 8 -> modified = epochSeconds(t);
                case 10 -> points = text(t);
                default -> parser.skipChildren();
            }
        }
        if (index == 0) {
            return null;
        }
        return new TaskRow(taskId, phid, title, points, status, modified, priority, created, author, owner,
                pointsAtLoad(taskId, points));
    }

    /** Any number counts, fractions rounded half up; empty means none; anything else is a defect. */
    private Integer pointsAtLoad(int taskId, String points) {
        if (points == null || points.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(points.trim()).setScale(0, RoundingMode.HALF_UP).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            defects.add(Defect.NON_NUMERIC_POINTS, taskId);
            return null;
        }
    }

    private void readTransactions(int taskId, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren(); // null, or [] for a task without any
            return;
        }
        while (next() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            if (next() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            while (next() != JsonToken.END_ARRAY) {
                readTransaction(taskId, type);
            }
        }
    }

    /**
     * TRANSACTION_ROW: [id, phid, authorPHID, objectPHID, commentPHID, commentVersion, type, oldValue, newValue, metadata,
     * dateCreated, dateModified].
     */
    private void readTransaction(int taskId, String groupType) throws IOException {
        JsonParser p = parser;
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            defects.add(Defect.MALFORMED_TRANSACTION, taskId);
            return;
        }
        Long id = null;
        String phid = null, author = null, object = null, type = null, oldValue = null, newValue = null, metadata = null;
        Instant created = null, modified = null;
        int index = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next(), index++) {
            switch (index) {
                case 0 -> id = t == JsonToken.VALUE_NUMBER_INT ? longValue() : parseLong(text(t));
                case 1 -> phid = text(t);
                case 2 -> author = text(t);
                case 3 -> object = text(t);
                case 6 -> type = text(t);
                case 7 -> oldValue = text(t);
                case 8 -> newValue = text(t);
                case 9 -> metadata = text(t);
                case 10 -> created = epochSeconds(t);
                case 11 -> modified = epochSeconds(t);
                default -> p.skipChildren();
            }
        }
        if (id == null || id < 0) {
            defects.add(Defect.BAD_TRANSACTION_ID, taskId);
            return;
        }
        if (modified == null || type == null) {
            defects.add(Defect.MALFORMED_TRANSACTION, taskId);
            return;
        }
        if (!firstSighting(id)) {
            defects.add(Defect.DUPLICATE_TRANSACTION_ID, taskId);
            return;
        }
        if (!type.equals(groupType)) {
            // The row's own type field is what Phabricator recorded; the original used it too (semantics L9).
            defects.add(Defect.TRANSACTION_TYPE_MISMATCH, taskId);
        }
        transactions++;
        if (modified.isAfter(latestChange)) {
            latestChange = modified;
        }
        TransactionRow row = new TransactionRow(id, phid, taskId, author, object, type, oldValue, newValue, metadata, created, modified);
        if (row.isEdge()) {
            memberships.add(row);
        } else {
            sink.transaction(row);
        }
    }

    private boolean firstSighting(long id) {
        if (id < BIT_SET_LIMIT) {
            boolean seen = transactionIds.get((int) id);
            transactionIds.set((int) id);
            return !seen;
        }
        return largeTransactionIds.add(id);
    }

    /** EDGE_ROW: [src, type, dst, dateCreated, seq, dataID]. */
    private void readTaskEdges(int taskId, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        for (JsonToken edge = next(); edge != JsonToken.END_ARRAY; edge = next()) {
            if (edge != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            Integer type = null;
            String destination = null;
            int index = 0;
            for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next(), index++) {
                switch (index) {
                    case 1 -> type = parseInt(text(t));
                    case 2 -> destination = text(t);
                    default -> parser.skipChildren();
                }
            }
            if (destination != null && type != null && (type == TASK_EDGE_PROJECT || type == TASK_EDGE_SUBTASK)) {
                sink.taskEdge(new TaskEdge(taskId, type, destination));
            }
        }
    }

    private void readProjectSection() throws IOException {
        while (next() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = next();
            if (("projects".equals(name) || "columns".equals(name)) && value != JsonToken.START_ARRAY) {
                throw wrongShape("\"project\" \"" + name + "\"", value, "a list of rows");
            }
            if ("projects".equals(name)) {
                forEachRow(this::readProject);
            } else if ("columns".equals(name)) {
                forEachRow(this::readColumn);
            } else {
                parser.skipChildren();
            }
        }
    }

    private interface RowReader {
        void read() throws IOException;
    }

    /** Calls the reader on each array element of the list the parser is at; anything else is a bad row. */
    private void forEachRow(RowReader reader) throws IOException {
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            if (t == JsonToken.START_ARRAY) {
                reader.read();
            } else {
                parser.skipChildren();
                defects.add(Defect.BAD_PROJECT_ROW, -1);
            }
        }
    }

    /** PROJECT_ROW: [id, name, phid, dateCreated, dateModified, icon, color]. */
    private void readProject() throws IOException {
        Integer id = null;
        String name = null, phid = null, icon = null, color = null;
        Instant created = null, modified = null;
        int index = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next(), index++) {
            switch (index) {
                case 0 -> id = parseInt(text(t));
                case 1 -> name = text(t);
                case 2 -> phid = text(t);
                case 3 -> created = epochSeconds(t);
                case 4 -> modified = epochSeconds(t);
                case 5 -> icon = text(t);
                case 6 -> color = text(t);
                default -> parser.skipChildren();
            }
        }
        if (id == null || phid == null) {
            defects.add(Defect.BAD_PROJECT_ROW, -1);
            return;
        }
        sink.project(new ProjectRow(id, name, phid, created, modified, icon, color));
    }

    /** COLUMN_ROW: [id, phid, name, status, sequence, projectPHID, dateCreated, dateModified, properties]. */
    private void readColumn() throws IOException {
        Integer id = null, status = null, sequence = null;
        String phid = null, name = null, project = null;
        Instant created = null, modified = null;
        int index = 0;
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next(), index++) {
            switch (index) {
                case 0 -> id = parseInt(text(t));
                case 1 -> phid = text(t);
                case 2 -> name = text(t);
                case 3 -> status = parseInt(text(t));
                case 4 -> sequence = parseInt(text(t));
                case 5 -> project = text(t);
                case 6 -> created = epochSeconds(t);
                case 7 -> modified = epochSeconds(t);
                default -> parser.skipChildren();
            }
        }
        if (id == null || phid == null || project == null) {
            defects.add(Defect.BAD_PROJECT_ROW, -1);
            return;
        }
        sink.column(new ColumnRow(id, phid, name, status, sequence, project, created, modified));
    }

    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new DumpFormatException("the dump ends in the middle of the document at %s: it was cut off (check: document parsed to the end)"
                    .formatted(where()));
        }
        return t;
    }

    /** A scalar as text; a nested array or object as its JSON text; null for JSON null. */
    private String text(JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case START_ARRAY, START_OBJECT -> json.writeValueAsString(parser.readValueAsTree());
            default -> parser.getText();
        };
    }

    /** Epoch seconds between 1970 and 9999; anything else (milliseconds, garbage) is no time at all. */
    private Instant epochSeconds(JsonToken t) throws IOException {
        Long seconds = t == JsonToken.VALUE_NUMBER_INT ? longValue() : parseLong(text(t));
        return seconds == null || seconds < 0 || seconds > LATEST_EPOCH_SECOND ? null : Instant.ofEpochSecond(seconds);
    }

    /** The integer the parser is at, or null when it does not fit a long. */
    private Long longValue() throws IOException {
        return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : parser.getLongValue();
    }

    private static Integer parseInt(String text) {
        Long value = parseLong(text);
        return value == null || value != value.intValue() ? null : value.intValue();
    }

    private static Long parseLong(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
