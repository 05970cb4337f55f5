package org.wikimedia.phlogiston.conduit;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes what was read through Conduit as a dump document, {@code {"project": {...}, "task": {"<id>": body, ...}}},
 * one task at a time, so that the dump load's parser and staging take it from there.
 */
public final class DumpDocumentWriter implements Closeable {

    private final JsonGenerator out;

    /** Starts the document with its project section ({@link ConduitReader#projectSection()}). */
    public DumpDocumentWriter(ObjectMapper json, OutputStream stream, JsonNode projectSection) throws IOException {
        out = json.getFactory().createGenerator(stream).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        out.writeStartObject();
        out.writeFieldName("project");
        json.writeTree(out, projectSection);
        out.writeFieldName("task");
        out.writeStartObject();
    }

    /** A task's body as JSON text ({@link ConduitReader.FetchedTask#body()}), as stored between fetches. */
    public void task(int id, String body) throws IOException {
        out.writeFieldName(Integer.toString(id));
        out.writeRawValue(body);
    }

    /** Ends the document; the stream stays open. */
    @Override
    public void close() throws IOException {
        out.writeEndObject();
        out.writeEndObject();
        out.close();
    }
}
