package io.tributary.connectors;

/** Turns an SDK exception chain into one line a user can read. */
public final class ErrorMessages {
    private ErrorMessages() {}

    /** The exception's message, followed by its root cause's in parentheses when they differ. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? message : t.getMessage() + " (" + message + ")";
    }
}
