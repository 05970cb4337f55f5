package org.wikimedia.phlogiston.dump;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the values of core:edge transactions in the shapes Phabricator writes them, straight from their text, in
 * one pass and without building a JSON tree: a million edge transactions each had three values turned into trees
 * before. Only plain shapes are read here, in which the result is by construction what reading the tree gives
 * (short strings without escapes, integers that fit, no repeated keys, little nesting, nothing after the value),
 * and which the tree reader's own limits never refuse; for anything else each method returns null and
 * {@link MembershipHistory} reads the tree as before, so odd values get the same results and the same defects.
 */
final class SimpleEdgeValues {

    private static final String EDGE_TYPE_KEY = "edge:type";
    private static final String TYPE_KEY = "type";
    /** Values nested deeper, and longer strings and numbers, are left to the tree reader, which has limits of its own. */
    private static final int MAX_DEPTH = 32;
    private static final int MAX_LENGTH = 1000;

    private final String text;
    private int at;

    private SimpleEdgeValues(String text) {
        this.text = text;
    }

    /** Metadata {@code {"edge:type": N}}: N; null if the metadata has another shape. */
    static Integer edgeType(String metadata) {
        SimpleEdgeValues in = new SimpleEdgeValues(metadata);
        if (!in.skipTo('{') || !EDGE_TYPE_KEY.equals(in.string()) || !in.skipTo(':')) {
            return null;
        }
        Integer type = in.integer();
        return type != null && in.skipTo('}') && in.atEnd() ? type : null;
    }

    /** The new format's list of PHIDs {@code ["PHID-…", …]}, or JSON null for none; null if the value has another shape. */
    static List<String> phids(String value) {
        SimpleEdgeValues in = new SimpleEdgeValues(value);
        List<String> phids = new ArrayList<>();
        if (in.skipLiteral("null")) {
            return in.atEnd() ? phids : null;
        }
        if (!in.skipTo('[')) {
            return null;
        }
        if (in.skipTo(']')) {
            return in.atEnd() ? phids : null;
        }
        do {
            String phid = in.string();
            if (phid == null) {
                return null;
            }
            phids.add(phid);
        } while (in.skipTo(','));
        return in.skipTo(']') && in.atEnd() ? phids : null;
    }

    /**
     * The old format's whole edge map {@code {"PHID-…": {…, "type": 41, …}, …}} (or {@code []} or JSON null when
     * empty): its keys whose edge has the given type, in order; null if the value has another shape.
     */
    static Set<String> destinationsOfType(String value, int edgeType) {
        SimpleEdgeValues in = new SimpleEdgeValues(value);
        Set<String> destinations = new LinkedHashSet<>();
        if (in.skipLiteral("null")) {
            return in.atEnd() ? destinations : null;
        }
        if (in.skipTo('[')) {
            return in.skipTo(']') && in.atEnd() ? destinations : null;
        }
        if (!in.skipTo('{')) {
            return null;
        }
        if (in.skipTo('}')) {
            return in.atEnd() ? destinations : null;
        }
        Set<String> keys = new HashSet<>();
        do {
            String destination = in.string();
            if (destination == null || !keys.add(destination) || !in.skipTo(':') || !in.skipTo('{')) {
                return null;
            }
            Integer type = in.typeOfEdge();
            if (type == null) {
                return null;
            }
            if (type == edgeType) {
                destinations.add(destination);
            }
        } while (in.skipTo(','));
        return in.skipTo('}') && in.atEnd() ? destinations : null;
    }

    /** The edge object's "type", read up to the end of the object (past its '{'); null if not plain or not there once. */
    private Integer typeOfEdge() {
        Integer type = null;
        if (skipTo('}')) {
            return null;
        }
        do {
            String key = string();
            if (key == null || !skipTo(':')) {
                return null;
            }
            if (TYPE_KEY.equals(key)) {
                if (type != null) {
                    return null;
                }
                type = integer();
                if (type == null) {
                    return null;
                }
            } else if (!skipValue(0)) {
                return null;
            }
        } while (skipTo(','));
        return skipTo('}') ? type : null;
    }

    /** Skips a plain value: a string, number, literal, or a list or object of plain values. */
    private boolean skipValue(int depth) {
        skipWhitespace();
        if (at >= text.length() || depth > MAX_DEPTH) {
            return false;
        }
        char c = text.charAt(at);
        if (c == '"') {
            return string() != null;
        }
        if (c == '[' || c == '{') {
            char close = c == '[' ? ']' : '}';
            at++;
            if (skipTo(close)) {
                return true;
            }
            do {
                if (c == '{' && (string() == null || !skipTo(':'))) {
                    return false;
                }
                if (!skipValue(depth + 1)) {
                    return false;
                }
            } while (skipTo(','));
            return skipTo(close);
        }
        return skipLiteral("null") || skipLiteral("true") || skipLiteral("false") || number();
    }

    /** Skips whitespace; if the literal follows, skips it too and says so. */
    private boolean skipLiteral(String literal) {
        skipWhitespace();
        if (text.startsWith(literal, at)) {
            at += literal.length();
            return true;
        }
        return false;
    }

    /** A string without escapes or control characters (else null), the parser past it. */
    private String string() {
        if (!skipTo('"')) {
            return null;
        }
        int start = at;
        for (int end = Math.min(text.length(), start + MAX_LENGTH); at < end; at++) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\' || c < ' ') {
                return null;
            }
        }
        return null;
    }

    /** A JSON integer that fits an int, without sign or fraction oddities; else null. */
    private Integer integer() {
        skipWhitespace();
        int start = at;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        skipDigits();
        int length = at - digits;
        if (length == 0 || length > 9 || length > 1 && text.charAt(digits) == '0'
                || at < text.length() && ".eE".indexOf(text.charAt(at)) >= 0) {
            return null;
        }
        return Integer.valueOf(text.substring(start, at));
    }

    /** A JSON number, skipped; false if it is not one. */
    private boolean number() {
        int start = at;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        skipDigits();
        if (at == digits || at - digits > 1 && text.charAt(digits) == '0') {
            return false;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            int fraction = at;
            skipDigits();
            if (at == fraction) {
                return false;
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            int exponent = at;
            skipDigits();
            if (at == exponent) {
                return false;
            }
        }
        return at > start && at - start <= MAX_LENGTH;
    }

    private void skipDigits() {
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
    }

    /** Skips whitespace; if the next character is {@code c}, skips it too and says so. */
    private boolean skipTo(char c) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private boolean atEnd() {
        skipWhitespace();
        return at == text.length();
    }
}
