package org.wikimedia.phlogiston;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception into the sentence a user reads: the innermost messages that say something, secrets masked. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String of(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? e.getClass().getSimpleName() : Secrets.mask(String.join(": ", messages));
    }
}
