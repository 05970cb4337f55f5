package org.wikimedia.phlogiston.conduit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.wikimedia.phlogiston.dump.DefectLog;
import org.wikimedia.phlogiston.dump.DumpParser;
import org.wikimedia.phlogiston.dump.DumpSink;

/** Everything a reader can see, written as a dump document and read by the dump parser into a sink. */
final class ReadThroughConduit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadThroughConduit() {
    }

    static DumpParser.Summary readAll(ConduitReader reader, DefectLog defects, DumpSink sink) throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        write(reader, document);
        return new DumpParser(JSON, defects, sink, (bytes, tasks) -> { }).parse(new ByteArrayInputStream(document.toByteArray()));
    }

    /** Everything the reader can see, as a dump document. */
    static void write(ConduitReader reader, OutputStream document) throws IOException {
        try (DumpDocumentWriter writer = new DumpDocumentWriter(JSON, document, reader.projectSection())) {
            String after = null;
            do {
                ConduitReader.TaskPage page = reader.taskPage(ConduitReader.TaskQuery.all(), after);
                for (ConduitReader.FetchedTask task : page.tasks()) {
                    writer.task(task.id(), JSON.writeValueAsString(task.body()));
                }
                after = page.after();
            } while (after != null);
        }
    }
}
