package org.wikimedia.phlogiston.conduit;

/**
 * A Conduit call that did not give a result: the install answered with an error code ({@link #errorCode()}, e.g.
 * {@code ERR-INVALID-AUTH}), with something that is not Conduit's JSON, or not at all within the attempts allowed.
 * The message names the method and never carries the token.
 */
public class ConduitException extends RuntimeException {

    private final String method;
    private final String errorCode;

    ConduitException(String method, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.errorCode = errorCode;
    }

    public String method() {
        return method;
    }

    /** Conduit's {@code error_code}, or null when the failure was not an answer from Conduit. */
    public String errorCode() {
        return errorCode;
    }
}
