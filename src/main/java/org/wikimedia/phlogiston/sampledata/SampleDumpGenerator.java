package org.wikimedia.phlogiston.sampledata;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes a synthetic Phabricator public dump in the real format (see the dump format spec and the reference dump):
 * tasks created over the three years before the as-of date, each with a simulated history of status churn and
 * reopenings, priority, assignee, points, title and column changes, project tags that come and go in both
 * core:edge formats, category and goal parents with subtask trees, the five global tags, and a sprinkle of the
 * damage real dumps have.
 *
 * <p>The document is streamed with Jackson's generator, one task at a time, so that any size can be written in
 * constant memory. Output depends only on the {@link Settings}: every random choice comes from a generator seeded
 * from the seed and the task's position, and nothing iterates a hash-ordered collection.
 *
 * <p>A dump can be asked for {@link Settings#daysAfter() days after} its as-of date: the same tasks with the same
 * histories (and transaction ids) up to the as-of date, then the days after it, as the next nights' dumps of the
 * same Phabricator would be. It can also be asked to hold {@link WantedProject projects} that real scope files name.
 */
public final class SampleDumpGenerator {

    /**
     * @param tasks     the tasks created over the three years before {@code asOf}
     * @param projects  projects the dump must have besides the generated ones; they get tasks as the others do
     * @param daysAfter the same dump this many days later (as of {@link #dumpDate()}): the tasks created and the
     *                  changes made in those days are added, and nothing before {@code asOf} changes
     */
    public record Settings(int tasks, long seed, LocalDate asOf, List<WantedProject> projects, int daysAfter) {
        public Settings {
            if (tasks < 0) {
                throw new IllegalArgumentException("the number of tasks cannot be negative: " + tasks);
            }
            if (daysAfter < 0) {
                throw new IllegalArgumentException("the days after the as-of date cannot be negative: " + daysAfter);
            }
            Objects.requireNonNull(asOf, "asOf");
            projects = List.copyOf(projects);
            requireUnique(projects.stream().map(WantedProject::id).filter(Objects::nonNull).toList(), "id");
            requireUnique(projects.stream().map(WantedProject::name).filter(Objects::nonNull).toList(), "name");
        }

        public Settings(int tasks, long seed, LocalDate asOf) {
            this(tasks, seed, asOf, List.of(), 0);
        }

        /** The day the dump is as of: nothing in it happens on or after this day's midnight (UTC). */
        public LocalDate dumpDate() {
            return asOf.plusDays(daysAfter);
        }

        private static void requireUnique(List<?> values, String what) {
            Set<Object> seen = new HashSet<>();
            for (Object value : values) {
                if (!seen.add(value)) {
                    throw new IllegalArgumentException("two wanted projects have the " + what + " " + value);
                }
            }
        }
    }

    /**
     * A project the dump must have, with this id (null: a free one) and this name (null: one like the generated
     * projects'), and a workboard with these columns between its default column and "Done" (none: a board or not,
     * as generated). The ids of the five global tags name those tags, which never get a board.
     */
    public record WantedProject(Integer id, String name, List<String> columns) {
        public WantedProject {
            if (id == null && name == null) {
                throw new IllegalArgumentException("a wanted project needs an id, a name or both");
            }
            if (id != null && id <= 0) {
                throw new IllegalArgumentException("a project id must be positive: " + id);
            }
            columns = List.copyOf(columns);
        }
    }

    public record Result(long tasks, long transactions, long bytes) {
    }

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final long HISTORY = 3 * 365 * DAY;
    /** Before this much of the history has passed, core:edge rows are mostly in the old whole-map format. */
    private static final long OLD_EDGE_FORMAT_PERIOD = 365 * DAY;
    private static final int FIRST_TASK_ID = 1001;
    /** Every eighth task id belongs to a private task, which the public dump leaves out. */
    private static final int PUBLIC_TASKS_PER_PRIVATE_ONE = 7;
    private static final long FIRST_TRANSACTION_ID = 100_001;
    /**
     * Transactions after the as-of date are numbered from the first id plus this many per task: above every id of
     * the days before (a task has at most about 60 transactions), so that those keep their ids in later dumps.
     */
    private static final long TRANSACTION_IDS_PER_TASK = 100;
    private static final long BEYOND_INT_IDS = 1L << 31;
    private static final int FIRST_COLUMN_ID = 5001;
    private static final int PRIVATE_PROJECT_IDS = 90_001;
    /** Salts that give each use of randomness its own stream; tasks use their (non-negative) index. */
    private static final long CATALOG_STREAM = -1;
    private static final long TREE_STREAM = -2;
    private static final long CREATION_TIME_STREAM = -3;
    private static final long PHID_STREAM = -4;
    private static final long LATER_DAYS_STREAM = -5;
    /** Per cent of the open or stalled tasks (per mille of the others) that something happens to on a later day. */
    private static final int LATER_DAY_CHANGE_PERCENT = 2;
    private static final int LATER_DAY_CHANGE_PER_MILLE_CLOSED = 1;

    private static final String STATUS = "status";
    private static final String PRIORITY = "priority";
    private static final String COLUMNS = "core:columns";
    private static final String EDGE = "core:edge";
    private static final String REASSIGN = "reassign";
    private static final String POINTS = "points";
    private static final String TITLE = "title";
    /** The transaction groups every task of the real dump has, even empty, in its order. */
    private static final List<String> ALWAYS_PRESENT_GROUPS = List.of(COLUMNS, PRIORITY, STATUS, REASSIGN, EDGE, POINTS);
    private static final String NO_METADATA = "[]";
    private static final String PROJECT_EDGE_METADATA = "{\"edge:type\":41}";
    private static final String SPACED_PROJECT_EDGE_METADATA = "{\"edge:type\": 41}";
    private static final String SUBTASK_EDGE_METADATA = "{\"edge:type\":3}";
    private static final String PARENT_EDGE_METADATA = "{\"edge:type\":4}";
    private static final int SUBTASK_EDGE = 3;
    private static final int PARENT_EDGE = 4;
    private static final int PROJECT_EDGE = 41;

    private static final String OPEN = "open";
    private static final String STALLED = "stalled";
    private static final String RESOLVED = "resolved";
    private static final String[] AFTER_OPEN = {RESOLVED, RESOLVED, RESOLVED, RESOLVED, RESOLVED, STALLED, STALLED,
            "declined", "invalid", "duplicate"};
    private static final String[] AFTER_STALLED = {OPEN, OPEN, RESOLVED, "declined"};
    private static final int NEEDS_TRIAGE = 90;
    private static final int[] PRIORITIES = {100, 90, 80, 50, 50, 25, 10};

    private static final String[] VERBS = {"Fix", "Add", "Remove", "Refactor", "Speed up", "Investigate", "Document",
            "Migrate", "Deprecate", "Upgrade", "Translate", "Test"};
    private static final String[] THINGS = {"login form", "search index", "upload wizard", "watchlist", "parser cache",
            "map tiles", "gadget loader", "banner", "dashboard", "export", "sidebar", "diff view", "toolbar",
            "template editor"};
    private static final String[] QUALIFIERS = {"", "", "", "", "", " on mobile", " for logged-out users",
            " (regression)", " in Safari", ": follow-up", " — Ünïcode/日本語", " with <b>HTML</b> & \"quotes\"",
            " at C:\\path\\to\\file", " 🚀"};
    private static final String[] PROJECT_PREFIXES = {"Analytics", "Growth", "Search", "Mobile-Apps", "Editing",
            "Community-Tech", "Fundraising", "Release-Engineering", "Performance", "Security", "Design",
            "Documentation", "Language", "Maps", "Parsoid", "Wikidata", "Cloud-Services", "Data-Engineering",
            "Reading", "Café & <Ünïcode> Tools"};
    private static final String[] PROJECT_SUFFIXES = {"Team", "Backlog", "Kanban", "Sprint", "Tech-Debt", "Ops"};
    private static final String[] ICONS = {"project", "tag", "team", "umbrella", "goal"};
    private static final String[] COLORS = {"blue", "red", "green", "violet", "orange", "yellow", "grey", "checkered"};
    /** Workboard layouts; the last column of every board is added as "Done". */
    private static final String[][] BOARD_LAYOUTS = {
            {"Backlog", "Ready", "In progress", "Code review", "QA"},
            {"To do", "Doing", "Blocked", "Needs review", "Ready to deploy"},
            {"Triage", "Next up", "In progress", "Waiting", "Later"}};

    private final Settings settings;
    /** The as-of date at 00:00 UTC: the tasks of {@link Settings#tasks()} are created before it. */
    private final long end;
    /** The dump date at 00:00 UTC: everything in the dump happens before it. */
    private final long dumpEnd;
    private final long start;
    /** Tasks created on the days after the as-of date, at the rate of the three years before it. */
    private final int laterTasks;
    private final Catalog catalog;
    private final SubtaskTrees trees;

    public SampleDumpGenerator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.end = settings.asOf().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        this.dumpEnd = settings.dumpDate().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        this.start = end - HISTORY;
        this.laterTasks = (int) ((long) settings.tasks() * (dumpEnd - end) / HISTORY);
        this.catalog = new Catalog();
        this.trees = new SubtaskTrees();
    }

    /** Writes the dump to the file (via a temp file in the same dir + atomic rename). */
    public Result writeTo(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // a plain sibling rather than createTempFile, so that the dump gets the usual permissions
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            Result result;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                result = writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return result;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the dump to the stream, which is flushed but left open. */
    public Result writeTo(OutputStream out) throws IOException {
        CountingStream counted = new CountingStream(out);
        DumpWriter writer;
        try (JsonGenerator json = JSON.createGenerator(counted)) {
            writer = new DumpWriter(json);
            writer.writeDump();
        }
        return new Result(settings.tasks() + laterTasks, writer.transactionsWritten, counted.bytes);
    }

    // ---------------------------------------------------------------- damage and oddities

    /**
     * Damage and oddities of the kinds real dumps have, given to every period-th task from an offset, so that even a
     * sample of a few thousand tasks has some of each while a large one stays mostly clean.
     */
    private enum Quirk {
        EMPTY_INFO(397, 101),
        NULL_INFO(797, 301),
        NO_EDGE_KEY(211, 37),
        NO_TRANSACTIONS(601, 250),
        NON_NUMERIC_POINTS(307, 53),
        MALFORMED_EDGE_VALUE(353, 77),
        BAD_TRANSACTION_ID(457, 211),
        MISFILED_TRANSACTION(1009, 503),
        DUPLICATED_TRANSACTION(1201, 600),
        /** Not damage: real transaction ids have outgrown 32 bits. */
        TRANSACTION_ID_BEYOND_INT(997, 401);

        private final int period;
        private final int offset;

        Quirk(int period, int offset) {
            this.period = period;
            this.offset = offset;
        }

        boolean hits(int taskIndex) {
            return taskIndex % period == offset;
        }
    }

    // ---------------------------------------------------------------- projects, columns, users

    private static final class Project {
        final int id;
        final String name;
        final String phid;
        final long created;
        final String icon;
        final String color;
        final List<Column> board;
        /** An ordinary project, not a global tag nor a private one. */
        final boolean team;

        Project(int id, String name, String phid, long created, String icon, String color, List<Column> board,
                boolean team) {
            this.id = id;
            this.name = name;
            this.phid = phid;
            this.created = created;
            this.icon = icon;
            this.color = color;
            this.board = board;
            this.team = team;
        }

        boolean hasBoard() {
            return !board.isEmpty();
        }

        Column defaultColumn() {
            return board.get(0);
        }

        Column doneColumn() {
            return board.get(board.size() - 1);
        }
    }

    private record Column(int id, String phid, String name, int status, int sequence, String projectPhid,
                          long created, String properties) {
    }

    /** The projects (about half with a workboard), the global tags, private projects and the users. */
    private final class Catalog {
        final List<Project> projects = new ArrayList<>();
        final List<Project> teams = new ArrayList<>();
        final List<Column> columns = new ArrayList<>();
        final List<Project> privateProjects = new ArrayList<>();
        final Project epic;
        final Project newFunctionality;
        final Project maintenance;
        final Project category;
        final Project goal;
        final String[] users;
        private final SplittableRandom rng = new SplittableRandom(mix(settings.seed(), CATALOG_STREAM));

        Catalog() {
            epic = tag(942, "Epic");
            newFunctionality = tag(1453, "New-Functionality");
            maintenance = tag(1454, "Maintenance");
            category = tag(1656, "Category");
            goal = tag(2169, "Goal");
            List<Integer> tagIds = List.of(epic.id, newFunctionality.id, maintenance.id, category.id, goal.id);
            addTeams(tagIds);
            projects.addAll(teams);
            projects.addAll(List.of(epic, newFunctionality, maintenance, category, goal));
            projects.sort(Comparator.comparingInt(p -> p.id));
            for (int i = 0; i < 3; i++) {
                int id = PRIVATE_PROJECT_IDS + i;
                privateProjects.add(
                        new Project(id, "Private " + i, phid("PROJ", id), start - DAY, "project", "grey", List.of(), false));
            }
            // a column left behind by a project that is not public
            columns.add(new Column(FIRST_COLUMN_ID + columns.size(), phid("PCOL", FIRST_COLUMN_ID + columns.size()),
                    "Orphan column", 0, 0, privateProjects.get(0).phid, start - DAY, NO_METADATA));
            users = new String[50 + settings.tasks() / 400];
            for (int i = 0; i < users.length; i++) {
                users[i] = phid("USER", i);
            }
        }

        /** The generated teams (ids from 1 up), then the wanted projects (an id after theirs for those without). */
        private void addTeams(List<Integer> tagIds) {
            Set<Integer> takenIds = new HashSet<>(tagIds);
            settings.projects().stream().map(WantedProject::id).filter(Objects::nonNull).forEach(takenIds::add);
            int teamCount = 55 + settings.tasks() / 2000;
            int nextId = 1;
            for (; teams.size() < teamCount; nextId++) {
                if (!takenIds.contains(nextId)) {
                    teams.add(team(nextId, teamName(teams.size()), List.of()));
                }
            }
            for (WantedProject wanted : settings.projects()) {
                if (wanted.id() != null && tagIds.contains(wanted.id())) {
                    continue;
                }
                while (wanted.id() == null && takenIds.contains(nextId)) {
                    nextId++;
                }
                int id = wanted.id() == null ? nextId++ : wanted.id();
                teams.add(team(id, Objects.requireNonNullElse(wanted.name(), teamName(teams.size())), wanted.columns()));
            }
            teams.sort(Comparator.comparingInt(project -> project.id));
        }

        private Project tag(int id, String name) {
            long created = start - DAY * (400 + rng.nextInt(400));
            return new Project(id, name, phid("PROJ", id), created, "tag", "violet", List.of(), false);
        }

        private static String teamName(int ordinal) {
            String name = PROJECT_PREFIXES[ordinal % PROJECT_PREFIXES.length] + "-"
                    + PROJECT_SUFFIXES[ordinal / PROJECT_PREFIXES.length % PROJECT_SUFFIXES.length];
            int round = ordinal / (PROJECT_PREFIXES.length * PROJECT_SUFFIXES.length);
            return round > 0 ? name + "-" + (round + 1) : name;
        }

        /** A project with a board of the given columns, or with none given, a board of its own or none. */
        private Project team(int id, String name, List<String> boardColumns) {
            String phid = phid("PROJ", id);
            long created = start - DAY * (30 + rng.nextInt(900));
            List<Column> board = !boardColumns.isEmpty() ? boardWith(phid, created, boardColumns)
                    : rng.nextBoolean() ? board(phid, created) : List.of();
            return new Project(id, name, phid, created, pick(rng, ICONS), pick(rng, COLORS), board, true);
        }

        /** 3 to 6 columns: the default one first (sometimes unnamed, as in real dumps), "Done" last. */
        private List<Column> board(String projectPhid, long created) {
            String[] layout = pick(rng, BOARD_LAYOUTS);
            int size = 3 + rng.nextInt(4);
            List<String> names = new ArrayList<>(size);
            for (int sequence = 0; sequence < size; sequence++) {
                boolean isDefault = sequence == 0;
                boolean isLast = sequence == size - 1;
                names.add(isLast ? "Done" : isDefault && rng.nextInt(20) == 0 ? "" : layout[sequence]);
            }
            return columns(projectPhid, created, names, 4);
        }

        /** The named columns between a default "Backlog" column and "Done", none hidden. */
        private List<Column> boardWith(String projectPhid, long created, List<String> boardColumns) {
            List<String> names = new ArrayList<>();
            names.add("Backlog");
            names.addAll(boardColumns);
            names.add("Done");
            return columns(projectPhid, created, names, -1);
        }

        /** The board's columns, the first of them the default; the one at {@code hiddenSequence} hidden unless last. */
        private List<Column> columns(String projectPhid, long created, List<String> names, int hiddenSequence) {
            List<Column> board = new ArrayList<>(names.size());
            for (int sequence = 0; sequence < names.size(); sequence++) {
                int hidden = sequence == hiddenSequence && sequence < names.size() - 1 ? 1 : 0;
                int id = FIRST_COLUMN_ID + columns.size();
                Column column = new Column(id, phid("PCOL", id), names.get(sequence), hidden, sequence, projectPhid,
                        created, sequence == 0 ? "{\"isDefault\":true}" : NO_METADATA);
                board.add(column);
                columns.add(column);
            }
            return List.copyOf(board);
        }

        /** Skewed, as real work is: a few projects get most of the tasks. */
        Project randomTeam(SplittableRandom random) {
            double u = random.nextDouble();
            return teams.get((int) (teams.size() * u * u));
        }
    }

    // ---------------------------------------------------------------- subtask trees

    /**
     * A category or goal parent and its subtasks, which are the tasks just after it; one of them may be an epic with
     * subtasks of its own.
     */
    private record Tree(int root, int last, int epic, boolean goal, Project team, String privateSubtaskPhid) {

        List<Integer> subtasksOf(int index) {
            List<Integer> subtasks = new ArrayList<>();
            if (index == root) {
                if (epic >= 0) {
                    subtasks.add(epic);
                }
                for (int child = epic >= 0 ? root + 4 : root + 1; child <= last; child++) {
                    subtasks.add(child);
                }
            } else if (index == epic) {
                subtasks.add(root + 2);
                subtasks.add(root + 3);
            }
            return subtasks;
        }

        /** The parent's index, or -1 for the root. */
        int parentOf(int index) {
            if (index == root) {
                return -1;
            }
            return epic >= 0 && (index == root + 2 || index == root + 3) ? epic : root;
        }
    }

    /**
     * Lays out at most one tree in each window of consecutive tasks, derived from the seed and the window alone: a
     * task finds its parent and subtasks without the generator remembering earlier tasks.
     */
    private final class SubtaskTrees {
        private static final int WINDOW = 64;

        /** The tree the task belongs to, or null. */
        Tree containing(int index) {
            int window = index / WINDOW;
            long bits = mix(mix(settings.seed(), TREE_STREAM), window);
            if ((bits & 1) == 0) {
                return null;
            }
            int root = window * WINDOW + (int) (bits >>> 8 & 15);
            int size = 3 + (int) ((bits >>> 16 & 0xffff) % 9);
            int last = Math.min(root + size, settings.tasks() - 1);
            if (index < root || index > last) {
                return null;
            }
            int epic = size >= 6 && last >= root + 3 && (bits >>> 32 & 1) == 1 ? root + 1 : -1;
            Project team = catalog.teams.get((int) ((bits >>> 33 & 0xffff) % catalog.teams.size()));
            String privateSubtask = (bits >>> 50 & 3) == 0 ? phid("TASK", privateTaskIdNear(root)) : null;
            return new Tree(root, last, epic, (bits >>> 52 & 1) == 1, team, privateSubtask);
        }
    }

    // ---------------------------------------------------------------- one task's history

    private record Points(String transactionValue, Object infoValue) {
        static final Points NONE = new Points("null", null);
        static final Points NON_NUMERIC = new Points("\"lots\"", "lots");
        /** Points as real dumps hold them: numbers, decimals, numeric strings, and several ways of none. */
        static final Points[] CHOICES = {new Points("1", 1), new Points("2", 2), new Points("3", 3),
                new Points("5", 5), new Points("8", 8), new Points("13", 13), new Points("2.0", 2.0),
                new Points("0.5", 0.5), new Points("1.5", 1.5), new Points("\"3\"", "3"), new Points("\"8\"", "8"),
                NONE, new Points(null, null), new Points("null", "")};
    }

    private enum IdForm { SEQUENTIAL, NOT_A_NUMBER, BEYOND_INT }

    private static final class Transaction {
        final long time;
        final String author;
        final String type;
        final String oldValue;
        String newValue;
        final String metadata;
        /** The group the row is filed under, normally its type. */
        String group;
        IdForm idForm = IdForm.SEQUENTIAL;
        boolean duplicated;
        long id;

        Transaction(long time, String author, String type, String oldValue, String newValue, String metadata) {
            this.time = time;
            this.author = author;
            this.type = type;
            this.oldValue = oldValue;
            this.newValue = newValue;
            this.metadata = metadata;
            this.group = type;
        }
    }

    private record TaskEdge(int type, String destinationPhid, long since) {
    }

    /** A task put in a column of a board, from another column of it or (null) from outside the board. */
    private record Move(Project board, Column to, Column from) {
    }

    /** Simulates one task from its creation to the as-of date: its transactions and its state at dump time. */
    private final class TaskStory {
        final int index;
        final int id;
        final String phid;
        final long created;
        final String author;
        final double subpriority;
        final SplittableRandom rng;
        final List<Transaction> transactions = new ArrayList<>();
        final List<TaskEdge> taskEdges = new ArrayList<>();
        /** Project to the time the task was tagged with it, in tagging order. */
        final Map<Project, Long> projects = new LinkedHashMap<>();
        /** Board to the task's column on it. */
        final Map<Project, Column> columns = new LinkedHashMap<>();
        String title;
        String status = OPEN;
        int priority = NEEDS_TRIAGE;
        String owner;
        Points points = Points.NONE;
        private Transaction lastProjectEdge;
        /** Nothing happens to the task at or after this time (for now). */
        private long until;

        TaskStory(int index) {
            this.index = index;
            this.id = taskId(index);
            this.phid = taskPhid(index);
            this.created = createdAt(index);
            this.until = index < settings.tasks() ? end : dumpEnd;
            this.rng = new SplittableRandom(mix(settings.seed(), index));
            this.author = randomUser();
            this.subpriority = rng.nextInt(1, 1000);
            Tree tree = trees.containing(index);
            this.title = titleFor(tree);
            open(tree);
            if (tree != null) {
                link(tree);
            }
            for (long time : laterEventTimes()) {
                laterEvent(time);
            }
            transactions.sort(Comparator.comparingLong(t -> t.time));
            if (Quirk.NON_NUMERIC_POINTS.hits(index)) {
                changePoints(lastChange(), randomUser(), Points.NON_NUMERIC);
            }
            damage();
            if (until < dumpEnd) {
                liveTheLaterDays();
            }
        }

        /**
         * The days after the as-of date, after the history before it is complete, so that the history stays the
         * same whatever the dump date: on each day, something happens to a few of the tasks.
         */
        private void liveTheLaterDays() {
            SplittableRandom days = new SplittableRandom(mix(mix(settings.seed(), LATER_DAYS_STREAM), index));
            for (long day = end; day < dumpEnd; day += DAY) {
                until = day + DAY;
                boolean closed = !OPEN.equals(status) && !STALLED.equals(status);
                if (closed ? days.nextInt(1000) < LATER_DAY_CHANGE_PER_MILLE_CLOSED
                        : days.nextInt(100) < LATER_DAY_CHANGE_PERCENT) {
                    laterEvent(day + days.nextLong(DAY - HOUR));
                }
            }
        }

        long lastChange() {
            return transactions.get(transactions.size() - 1).time;
        }

        private void open(Tree tree) {
            record(created, author, STATUS, "null", quoted(OPEN), NO_METADATA);
            record(created + 1, author, PRIORITY, "null", Integer.toString(NEEDS_TRIAGE), NO_METADATA);
            changeProjects(created + 2, author, List.of(), initialProjects(tree));
            if (rng.nextInt(10) < 3) {
                reassign(created + 4, author, author);
            }
            if (rng.nextInt(10) < 2) {
                changePoints(created + 4, author, pick(rng, Points.CHOICES));
            }
        }

        private List<Project> initialProjects(Tree tree) {
            List<Project> initial = new ArrayList<>();
            initial.add(tree == null ? catalog.randomTeam(rng) : tree.team());
            boolean epic = tree == null ? rng.nextInt(100) == 0 : index == tree.epic();
            if (tree != null && index == tree.root()) {
                initial.add(tree.goal() ? catalog.goal : catalog.category);
            } else if (epic) {
                initial.add(catalog.epic);
            }
            if (rng.nextInt(10) < 3) {
                initial.add(catalog.randomTeam(rng));
            }
            int tagRoll = rng.nextInt(100);
            if (tagRoll < 14) {
                initial.add(catalog.newFunctionality);
            } else if (tagRoll < 25) {
                initial.add(catalog.maintenance);
            }
            if (rng.nextInt(100) < 3) {
                initial.add(pick(rng, catalog.privateProjects));
            }
            return initial;
        }

        /** Subtask links as Phabricator records them: an edge transaction on each end, at the subtask's creation. */
        private void link(Tree tree) {
            for (int subtask : tree.subtasksOf(index)) {
                linkTo(SUBTASK_EDGE, taskPhid(subtask), createdAt(subtask));
            }
            if (index == tree.root() && tree.privateSubtaskPhid() != null) {
                linkTo(SUBTASK_EDGE, tree.privateSubtaskPhid(), created + DAY);
            }
            int parent = tree.parentOf(index);
            if (parent >= 0) {
                linkTo(PARENT_EDGE, taskPhid(parent), created);
            }
        }

        private void linkTo(int edgeType, String otherPhid, long otherCreated) {
            long time = before(otherCreated + 7);
            record(time, randomUser(), EDGE, "[]", phidList(List.of(otherPhid)),
                    edgeType == SUBTASK_EDGE ? SUBTASK_EDGE_METADATA : PARENT_EDGE_METADATA);
            taskEdges.add(new TaskEdge(edgeType, otherPhid, time));
        }

        /** 3 to 15 times spread over the task's active life, which is a few days for some and years for others. */
        private long[] laterEventTimes() {
            long life = DAY * switch (rng.nextInt(10)) {
                case 0, 1 -> 1 + rng.nextInt(7);
                case 2, 3, 4, 5, 6 -> 7 + rng.nextInt(90);
                default -> 90 + rng.nextInt(630);
            };
            long first = created + 10;
            long span = Math.max(1, before(created + life) - first);
            long[] times = new long[3 + rng.nextInt(13)];
            for (int i = 0; i < times.length; i++) {
                times[i] = first + rng.nextLong(span);
            }
            Arrays.sort(times);
            return times;
        }

        private void laterEvent(long time) {
            int roll = rng.nextInt(100);
            if (roll < 30) {
                moveColumn(time);
            } else if (roll < 50) {
                changeStatus(time);
            } else if (roll < 62) {
                changePriority(time);
            } else if (roll < 74) {
                retag(time);
            } else if (roll < 86) {
                changePoints(time, randomUser(), pick(rng, Points.CHOICES));
            } else if (roll < 96) {
                reassign(time, randomUser(), rng.nextInt(10) == 0 ? null : randomUser());
            } else {
                retitle(time);
            }
        }

        /** A task on no board is tagged with other projects instead, which may put it on one. */
        private void moveColumn(long time) {
            if (columns.isEmpty()) {
                retag(time);
                return;
            }
            List<Project> boards = new ArrayList<>(columns.keySet());
            Project board = boards.get(rng.nextInt(boards.size()));
            Column from = columns.get(board);
            int target = rng.nextInt(board.board.size() - 1);
            Column to = board.board.get(target >= from.sequence() ? target + 1 : target);
            moveColumns(time, randomUser(), List.of(new Move(board, to, from)));
        }

        private void moveColumns(long time, String who, List<Move> moves) {
            record(time, who, COLUMNS, null, columnMoves(moves), NO_METADATA);
            moves.forEach(move -> columns.put(move.board(), move.to()));
        }

        /**
         * Open tasks close or stall, stalled ones wake up or close, and closed ones are now and then reopened (and
         * otherwise just reprioritised). Resolving a task often moves it to the Done column of its boards.
         */
        private void changeStatus(long time) {
            String next = switch (status) {
                case OPEN -> pick(rng, AFTER_OPEN);
                case STALLED -> pick(rng, AFTER_STALLED);
                default -> rng.nextInt(3) == 0 ? OPEN : null;
            };
            if (next == null) {
                changePriority(time);
                return;
            }
            String who = randomUser();
            record(time, who, STATUS, quoted(status), quoted(next), NO_METADATA);
            status = next;
            if (RESOLVED.equals(next)) {
                List<Move> toDone = new ArrayList<>();
                columns.forEach((board, column) -> {
                    if (column != board.doneColumn() && rng.nextInt(10) < 6) {
                        toDone.add(new Move(board, board.doneColumn(), column));
                    }
                });
                if (!toDone.isEmpty()) {
                    moveColumns(time, who, toDone);
                }
            }
        }

        private void changePriority(long time) {
            int next;
            do {
                next = PRIORITIES[rng.nextInt(PRIORITIES.length)];
            } while (next == priority);
            record(time, randomUser(), PRIORITY, Integer.toString(priority), Integer.toString(next), NO_METADATA);
            priority = next;
        }

        /** Tasks are dropped from a project, moved from one to another, or tagged with one more. */
        private void retag(long time) {
            List<Project> teams = projects.keySet().stream().filter(project -> project.team).toList();
            int roll = rng.nextInt(10);
            String who = randomUser();
            if (roll < 3 && teams.size() >= 2) {
                changeProjects(time, who, List.of(pick(rng, teams)), List.of());
            } else if (roll < 7 && !teams.isEmpty()) {
                changeProjects(time, who, List.of(pick(rng, teams)), List.of(catalog.randomTeam(rng)));
            } else {
                Project added = roll == 9 ? pick(rng, List.of(catalog.newFunctionality, catalog.maintenance))
                        : catalog.randomTeam(rng);
                changeProjects(time, who, List.of(), List.of(added));
            }
        }

        private void changeProjects(long time, String who, Collection<Project> removed, Collection<Project> added) {
            Map<Project, Long> before = new LinkedHashMap<>(projects);
            for (Project project : removed) {
                if (!added.contains(project)) {
                    projects.remove(project);
                    columns.remove(project);
                }
            }
            added.forEach(project -> projects.putIfAbsent(project, time));
            if (projects.keySet().equals(before.keySet())) {
                return;
            }
            boolean oldFormat = time < start + OLD_EDGE_FORMAT_PERIOD || rng.nextInt(8) == 0;
            lastProjectEdge = oldFormat
                    ? record(time, who, EDGE, edgeMap(before), edgeMap(projects), rng.nextBoolean() ? null : "")
                    : record(time, who, EDGE, removedPhids(before), phidList(difference(projects, before)),
                            rng.nextInt(50) == 0 ? SPACED_PROJECT_EDGE_METADATA : PROJECT_EDGE_METADATA);
            List<Move> placements = new ArrayList<>();
            for (Project project : projects.keySet()) {
                if (project.hasBoard() && !columns.containsKey(project)) {
                    placements.add(new Move(project, project.defaultColumn(), null));
                }
            }
            if (!placements.isEmpty()) {
                moveColumns(before(time + 1), who, placements);
            }
        }

        /** New-format old value: the PHIDs removed, and when there are none, usually [] but sometimes null. */
        private String removedPhids(Map<Project, Long> before) {
            List<String> removed = difference(before, projects);
            if (!removed.isEmpty()) {
                return phidList(removed);
            }
            return switch (rng.nextInt(12)) {
                case 0 -> null;
                case 1 -> "null";
                default -> "[]";
            };
        }

        /** Old format: the task's whole edge set, keyed by destination PHID, [] when empty. */
        private String edgeMap(Map<Project, Long> set) {
            if (set.isEmpty()) {
                return "[]";
            }
            StringBuilder map = new StringBuilder(180 * set.size()).append('{');
            set.forEach((project, since) -> {
                if (map.length() > 1) {
                    map.append(", ");
                }
                map.append('"').append(project.phid).append("\": {\"src\": \"").append(phid)
                        .append("\", \"type\": ").append(PROJECT_EDGE).append(", \"dst\": \"").append(project.phid)
                        .append("\", \"dateCreated\": ").append(since)
                        .append(", \"seq\": 0, \"dataID\": null, \"data\": []}");
            });
            return map.append('}').toString();
        }

        private void changePoints(long time, String who, Points next) {
            record(time, who, POINTS, points.transactionValue(), next.transactionValue(), NO_METADATA);
            points = next;
        }

        private void reassign(long time, String who, String newOwner) {
            record(time, who, REASSIGN, quotedOrNull(owner), quotedOrNull(newOwner), NO_METADATA);
            owner = newOwner;
        }

        private void retitle(long time) {
            String next = titleFor(null);
            record(time, randomUser(), TITLE, quoted(title), quoted(next), NO_METADATA);
            title = next;
        }

        private void damage() {
            if (Quirk.BAD_TRANSACTION_ID.hits(index)) {
                randomTransaction().idForm = IdForm.NOT_A_NUMBER;
            }
            if (Quirk.TRANSACTION_ID_BEYOND_INT.hits(index)) {
                randomTransaction().idForm = IdForm.BEYOND_INT;
            }
            if (Quirk.DUPLICATED_TRANSACTION.hits(index)) {
                randomTransaction().duplicated = true;
            }
            if (Quirk.MISFILED_TRANSACTION.hits(index)) {
                Transaction misfiled = randomTransaction();
                misfiled.group = PRIORITY.equals(misfiled.type) ? STATUS : PRIORITY;
            }
            if (Quirk.MALFORMED_EDGE_VALUE.hits(index)) {
                String value = lastProjectEdge.newValue;
                lastProjectEdge.newValue = value.substring(0, value.length() - 1);
            }
        }

        private Transaction randomTransaction() {
            return transactions.get(rng.nextInt(transactions.size()));
        }

        private Transaction record(long time, String who, String type, String oldValue, String newValue, String metadata) {
            Transaction transaction = new Transaction(time, who, type, oldValue, newValue, metadata);
            transactions.add(transaction);
            return transaction;
        }

        private String randomUser() {
            return catalog.users[rng.nextInt(catalog.users.length)];
        }

        private String titleFor(Tree tree) {
            String prefix = tree == null ? "" : index == tree.root() ? tree.goal() ? "Goal: " : "Category: "
                    : index == tree.epic() ? "Epic: " : "";
            return prefix + pick(rng, VERBS) + " " + pick(rng, THINGS) + pick(rng, QUALIFIERS);
        }

        /** The time, or the last second before the task's history ends if it is later. */
        private long before(long time) {
            return Math.min(time, until - 1);
        }
    }

    // ---------------------------------------------------------------- writing

    private final class DumpWriter {
        private final JsonGenerator json;
        private long nextTransactionId = FIRST_TRANSACTION_ID;
        private long nextLaterTransactionId = FIRST_TRANSACTION_ID + TRANSACTION_IDS_PER_TASK * settings.tasks();
        long transactionsWritten;

        DumpWriter(JsonGenerator json) {
            this.json = json;
        }

        void writeDump() throws IOException {
            json.writeStartObject();
            json.writeFieldName("task");
            json.writeStartObject();
            for (int index = 0; index < settings.tasks() + laterTasks; index++) {
                writeTask(new TaskStory(index));
            }
            json.writeEndObject();
            json.writeFieldName("project");
            json.writeStartObject();
            json.writeFieldName("projects");
            json.writeStartArray();
            for (Project project : catalog.projects) {
                writeProject(project);
            }
            json.writeEndArray();
            json.writeFieldName("columns");
            json.writeStartArray();
            for (Column column : catalog.columns) {
                writeColumn(column);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }

        private void writeTask(TaskStory task) throws IOException {
            boolean withoutInfo = Quirk.EMPTY_INFO.hits(task.index) || Quirk.NULL_INFO.hits(task.index);
            json.writeFieldName(Integer.toString(task.id));
            json.writeStartObject();
            json.writeFieldName("info");
            writeInfo(task);
            json.writeFieldName("storypoints");
            writeLoosely(withoutInfo ? null : task.points.infoValue());
            json.writeFieldName("transactions");
            writeTransactions(task);
            if (!Quirk.NO_EDGE_KEY.hits(task.index)) {
                json.writeFieldName("edge");
                writeEdges(task);
            }
            json.writeEndObject();
        }

        /** INFO_ROW: [id, phid, authorPHID, ownerPHID, status, priority, title, dateCreated, dateModified, subpriority, points, viewPolicy]. */
        private void writeInfo(TaskStory task) throws IOException {
            if (Quirk.NULL_INFO.hits(task.index)) {
                json.writeNull();
                return;
            }
            json.writeStartArray();
            if (!Quirk.EMPTY_INFO.hits(task.index)) {
                json.writeNumber(task.id);
                json.writeString(task.phid);
                json.writeString(task.author);
                writeNullable(task.owner);
                json.writeString(task.status);
                json.writeNumber(task.priority);
                json.writeString(task.title);
                json.writeNumber(task.created);
                json.writeNumber(task.lastChange());
                json.writeNumber(task.subpriority);
                writeLoosely(task.points.infoValue());
                json.writeString("public");
            }
            json.writeEndArray();
        }

        private void writeTransactions(TaskStory task) throws IOException {
            if (Quirk.NO_TRANSACTIONS.hits(task.index)) {
                json.writeStartArray();
                json.writeEndArray();
                return;
            }
            for (Transaction transaction : task.transactions) {
                transaction.id = transaction.time < end ? nextTransactionId++ : nextLaterTransactionId++;
            }
            json.writeStartObject();
            for (String group : ALWAYS_PRESENT_GROUPS) {
                writeGroup(task, group);
            }
            if (task.transactions.stream().anyMatch(t -> TITLE.equals(t.group))) {
                writeGroup(task, TITLE);
            }
            json.writeEndObject();
        }

        private void writeGroup(TaskStory task, String group) throws IOException {
            json.writeFieldName(group);
            json.writeStartArray();
            for (Transaction transaction : task.transactions) {
                if (group.equals(transaction.group)) {
                    writeTransaction(task, transaction);
                    if (transaction.duplicated) {
                        writeTransaction(task, transaction);
                    }
                }
            }
            json.writeEndArray();
        }

        /**
         * TRANSACTION_ROW: [id, phid, authorPHID, objectPHID, commentPHID, commentVersion, type, oldValue, newValue, metadata,
         * dateCreated, dateModified].
         */
        private void writeTransaction(TaskStory task, Transaction transaction) throws IOException {
            json.writeStartArray();
            switch (transaction.idForm) {
                case NOT_A_NUMBER -> json.writeString("bad-id");
                case BEYOND_INT -> json.writeNumber(BEYOND_INT_IDS + transaction.id);
                case SEQUENTIAL -> json.writeNumber(transaction.id);
            }
            json.writeString(phid("XACT", transaction.id));
            json.writeString(transaction.author);
            json.writeString(task.phid);
            json.writeNull();
            json.writeNumber(0);
            json.writeString(transaction.type);
            writeNullable(transaction.oldValue);
            writeNullable(transaction.newValue);
            writeNullable(transaction.metadata);
            json.writeNumber(transaction.time);
            json.writeNumber(transaction.time);
            json.writeEndArray();
            transactionsWritten++;
        }

        /** EDGE_ROW: [src, type, dst, dateCreated, seq, dataID]: subtask and parent links, then project tags. */
        private void writeEdges(TaskStory task) throws IOException {
            json.writeStartArray();
            for (TaskEdge edge : task.taskEdges) {
                writeEdge(task.phid, edge.type(), edge.destinationPhid(), edge.since());
            }
            for (Map.Entry<Project, Long> tag : task.projects.entrySet()) {
                writeEdge(task.phid, PROJECT_EDGE, tag.getKey().phid, tag.getValue());
            }
            json.writeEndArray();
        }

        private void writeEdge(String source, int type, String destination, long since) throws IOException {
            json.writeStartArray();
            json.writeString(source);
            json.writeNumber(type);
            json.writeString(destination);
            json.writeNumber(since);
            json.writeNumber(0);
            json.writeNull();
            json.writeEndArray();
        }

        /** PROJECT_ROW: [id, name, phid, dateCreated, dateModified, icon, color]. */
        private void writeProject(Project project) throws IOException {
            json.writeStartArray();
            json.writeNumber(project.id);
            json.writeString(project.name);
            json.writeString(project.phid);
            json.writeNumber(project.created);
            json.writeNumber(project.created + HOUR);
            json.writeString(project.icon);
            json.writeString(project.color);
            json.writeEndArray();
        }

        /** COLUMN_ROW: [id, phid, name, status, sequence, projectPHID, dateCreated, dateModified, properties]. */
        private void writeColumn(Column column) throws IOException {
            json.writeStartArray();
            json.writeNumber(column.id());
            json.writeString(column.phid());
            json.writeString(column.name());
            json.writeNumber(column.status());
            json.writeNumber(column.sequence());
            json.writeString(column.projectPhid());
            json.writeNumber(column.created());
            json.writeNumber(column.created());
            json.writeString(column.properties());
            json.writeEndArray();
        }

        private void writeNullable(String text) throws IOException {
            if (text == null) {
                json.writeNull();
            } else {
                json.writeString(text);
            }
        }

        /** Points in info keep the JSON type they came with: int, decimal, string or null. */
        private void writeLoosely(Object value) throws IOException {
            if (value == null) {
                json.writeNull();
            } else if (value instanceof Integer number) {
                json.writeNumber(number);
            } else if (value instanceof Double number) {
                json.writeNumber(number);
            } else {
                json.writeString(value.toString());
            }
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long bytes;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    // ---------------------------------------------------------------- ids, PHIDs, times, JSON fragments

    /** Task ids rise with creation time and skip every eighth id, which belongs to a private task. */
    private static int taskId(int index) {
        return FIRST_TASK_ID + index + index / PUBLIC_TASKS_PER_PRIVATE_ONE;
    }

    private static int privateTaskIdNear(int index) {
        return FIRST_TASK_ID + (index / PUBLIC_TASKS_PER_PRIVATE_ONE + 1) * (PUBLIC_TASKS_PER_PRIVATE_ONE + 1) - 1;
    }

    private String taskPhid(int index) {
        return phid("TASK", taskId(index));
    }

    /**
     * Creation times rise with the index over the history (and the tasks after {@link Settings#tasks()} over the
     * days after the as-of date), with jitter that keeps them in order.
     */
    private long createdAt(int index) {
        return index < settings.tasks() ? spreadOver(start, end, index, settings.tasks(), index)
                : spreadOver(end, dumpEnd, index - settings.tasks(), laterTasks, index);
    }

    private long spreadOver(long from, long to, long position, long count, int index) {
        long span = to - HOUR - from;
        long spacing = Math.max(1, span / count);
        long jitter = Math.floorMod(mix(mix(settings.seed(), CREATION_TIME_STREAM), index), spacing);
        return from + position * span / count + jitter;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A PHID like Phabricator's (20 hex digits), unique per kind and number as {@link #mix} is a bijection in its second argument. */
    private String phid(String kind, long number) {
        long bits = mix(mix(mix(settings.seed(), PHID_STREAM), kind.hashCode()), number);
        long more = mix(bits, 0);
        StringBuilder phid = new StringBuilder(30).append("PHID-").append(kind).append('-');
        for (int shift = 60; shift >= 0; shift -= 4) {
            phid.append(HEX[(int) (bits >>> shift & 15)]);
        }
        for (int shift = 12; shift >= 0; shift -= 4) {
            phid.append(HEX[(int) (more >>> shift & 15)]);
        }
        return phid.toString();
    }

    /** SplitMix64's finaliser over a combination of the two values: independent streams from a seed and an index. */
    private static long mix(long seed, long value) {
        long z = seed * 0x9E3779B97F4A7C15L + value;
        z = (z ^ z >>> 30) * 0xBF58476D1CE4E5B9L;
        z = (z ^ z >>> 27) * 0x94D049BB133111EBL;
        return z ^ z >>> 31;
    }

    /** Text as a JSON string, the way transaction values hold strings. */
    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private static String quotedOrNull(String text) {
        return text == null ? "null" : quoted(text);
    }

    private static String phidList(List<String> phids) {
        StringBuilder list = new StringBuilder(34 * phids.size() + 2).append('[');
        for (String phid : phids) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append('"').append(phid).append('"');
        }
        return list.append(']').toString();
    }

    /** PHIDs of the projects in the first set but not the second. */
    private static List<String> difference(Map<Project, Long> set, Map<Project, Long> without) {
        List<String> phids = new ArrayList<>();
        for (Project project : set.keySet()) {
            if (!without.containsKey(project)) {
                phids.add(project.phid);
            }
        }
        return phids;
    }

    /** core:columns new value: [{"columnPHID": .., "boardPHID": .., "fromColumnPHIDs": {from: from} or {}}, ...]. */
    private static String columnMoves(List<Move> moves) {
        StringBuilder value = new StringBuilder(170 * moves.size()).append('[');
        for (Move move : moves) {
            if (value.length() > 1) {
                value.append(", ");
            }
            value.append("{\"columnPHID\": \"").append(move.to().phid()).append("\", \"boardPHID\": \"")
                    .append(move.board().phid).append("\", \"fromColumnPHIDs\": {");
            if (move.from() != null) {
                value.append('"').append(move.from().phid()).append("\": \"").append(move.from().phid()).append('"');
            }
            value.append("}}");
        }
        return value.append(']').toString();
    }

    private static <T> T pick(SplittableRandom random, T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
