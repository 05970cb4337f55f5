package org.wikimedia.phlogiston.benchmark.conduit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.wikimedia.phlogiston.conduit.ConduitReader;

/**
 * The requests of one fetch as {@code load --source conduit} sends them (ConduitSource, one pass for all projects):
 * the project section, the highest task id the query selects (for the progress line), then every page of tasks.
 */
public final class LoadFetch {

    private LoadFetch() {
    }

    /** The tasks fetched, in the order of their ids. */
    public static List<ConduitReader.FetchedTask> fetch(ConduitReader reader, ConduitReader.TaskQuery query) throws IOException {
        reader.projectSection();
        reader.highestTaskId(query);
        List<ConduitReader.FetchedTask> tasks = new ArrayList<>();
        String after = null;
        do {
            ConduitReader.TaskPage page = reader.taskPage(query, after);
            tasks.addAll(page.tasks());
            after = page.after();
        } while (after != null);
        return tasks;
    }
}
