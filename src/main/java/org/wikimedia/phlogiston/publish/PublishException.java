package org.wikimedia.phlogiston.publish;

/** A report could not be published or switched; the message names the folder, and the current version is untouched. */
public class PublishException extends RuntimeException {

    PublishException(String message) {
        super(message);
    }

    PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
