package org.wikimedia.phlogiston.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The plain shapes of core:edge values are read as a JSON tree reads them; anything else is left to the tree
 * (null), which is how odd values keep their results and defects.
 */
class SimpleEdgeValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDGE = "{\"src\": \"PHID-TASK-1\", \"type\": %s, \"dst\": \"%s\", \"dateCreated\": 1700524924, "
            + "\"seq\": 0, \"dataID\": null, \"data\": []}";

    @Test
    void readsTheEdgeTypeOfPlainMetadataAsTheTreeDoes() throws Exception {
        for (String metadata : List.of("{\"edge:type\":41}", "{\"edge:type\": 41}", " {\r\n\t\"edge:type\" : -3 } ", "{\"edge:type\":0}")) {
            assertThat(SimpleEdgeValues.edgeType(metadata)).as(metadata).isEqualTo(JSON.readTree(metadata).get("edge:type").asInt());
        }
        assertThat(SimpleEdgeValues.edgeType("{\"edge:type\":41}")).isEqualTo(41);
        for (String notPlain : List.of("", " ", "null", "[]", "{}", "{\"edge:type\":\"41\"}", "{\"edge:type\":41,\"x\":1}",
                "{\"edge:type\":041}", "{\"edge:type\":41} x", "{\"edge:type\":4.0}", "{\"edge:type\":4e1}",
                "{\"edge:type\":12345678901}", "{\"edge:type\":-}", "{\"edge\\u003atype\":41}", "{\"edge:type\":41")) {
            assertThat(SimpleEdgeValues.edgeType(notPlain)).as(notPlain).isNull();
        }
    }

    @Test
    void readsPlainPhidListsAsTheTreeDoes() throws Exception {
        for (String list : List.of("[]", " [ ] ", "[\"PHID-PROJ-a\"]", "[\"PHID-PROJ-a\", \"PHID-PROJ-b\",\"PHID-PROJ-a\"]",
                "[\"émigré 日本語 🚀\", \"\"]")) {
            List<String> tree = new ArrayList<>();
            JSON.readTree(list).forEach(phid -> tree.add(phid.asText()));
            assertThat(SimpleEdgeValues.phids(list)).as(list).isEqualTo(tree);
        }
        assertThat(SimpleEdgeValues.phids("[\"PHID-PROJ-a\", \"PHID-PROJ-b\"]")).containsExactly("PHID-PROJ-a", "PHID-PROJ-b");
        assertThat(SimpleEdgeValues.phids("null")).as("JSON null: none, as MembershipHistory reads a null tree").isEmpty();
        assertThat(SimpleEdgeValues.phids(" null ")).isEmpty();
        for (String notPlain : List.of("", "nul", "null x", "nullnull", "{}", "[\"a\\\"b\"]", "[\"a\\u0041\"]", "[1]", "[null]", "[\"a\",]",
                "[\"a\"", "[\"a\"] x", "[\"tab\there\"]", "[[\"a\"]]", "\"a\"")) {
            assertThat(SimpleEdgeValues.phids(notPlain)).as(notPlain).isNull();
        }
    }

    @Test
    void readsPlainOldEdgeMapsAsTheTreeDoes() throws Exception {
        String map = "{\"PHID-PROJ-b\": " + EDGE.formatted(41, "PHID-PROJ-b") + ", \"PHID-TASK-9\": " + EDGE.formatted(3, "PHID-TASK-9")
                + ", \"PHID-PROJ-a\": " + EDGE.formatted(41, "PHID-PROJ-a") + "}";
        String odd = "{\"PHID-PROJ-c\": {\"data\": {\"x\": [1.5e-3, -0, true, false, null, {\"y\": [[]]}], \"z\": {}}, \"type\": 41,"
                + " \"extra\": -12.25E+2}}";
        for (String value : List.of(map, odd, "[]", "{}", " [ ] ", " { } ")) {
            assertThat(SimpleEdgeValues.destinationsOfType(value, 41)).as(value).containsExactlyElementsOf(typeOfEdgeFromTree(value));
        }
        assertThat(SimpleEdgeValues.destinationsOfType(map, 41)).containsExactly("PHID-PROJ-b", "PHID-PROJ-a");
        assertThat(SimpleEdgeValues.destinationsOfType(odd, 41)).containsExactly("PHID-PROJ-c");
        assertThat(SimpleEdgeValues.destinationsOfType("null", 41)).as("JSON null: an empty map, as MembershipHistory reads a null tree").isEmpty();
        String deep = "[".repeat(40) + "]".repeat(40);
        for (String notPlain : List.of("", "null x", "[\"PHID-PROJ-a\"]", map.substring(0, map.length() - 1), map + " x",
                "{\"PHID-PROJ-a\": " + EDGE.formatted(41, "a") + ", \"PHID-PROJ-a\": " + EDGE.formatted(3, "a") + "}",
                "{\"PHID-PROJ-a\": {\"type\": 41, \"type\": 3}}", "{\"PHID-PROJ-a\": {\"type\": \"41\"}}",
                "{\"PHID-PROJ-a\": {\"dst\": \"a\"}}", "{\"PHID-PROJ-a\": 41}", "{\"PHID-PROJ-a\": {\"type\": 41, \"n\": 01}}",
                "{\"PHID-PROJ-a\": {\"type\": 41, \"n\": 1.}}", "{\"PHID-PROJ-a\": {\"type\": 41, \"n\": nul}}",
                "{\"PHID-PROJ-a\": {\"type\": 41, \"d\": " + deep + "}}", "{\"PHID-PROJ-a\": {\"type\": 41, \"n\": 1" + "0".repeat(1000) + "}}",
                "{\"PHID-PROJ-" + "a".repeat(1000) + "\": {\"type\": 41}}", "{\"PHID-PROJ-a\": {\"type\": 41, \"s\": \"\\n\"}}")) {
            assertThat(SimpleEdgeValues.destinationsOfType(notPlain, 41)).as(notPlain).isNull();
        }
    }

    /** As MembershipHistory reads a tree of the old format. */
    private static Set<String> typeOfEdgeFromTree(String value) throws Exception {
        Set<String> set = new LinkedHashSet<>();
        JsonNode tree = JSON.readTree(value);
        tree.fields().forEachRemaining(edge -> {
            JsonNode type = edge.getValue().get("type");
            if (type != null && type.asInt() == 41) {
                set.add(edge.getKey());
            }
        });
        return set;
    }
}
