package example.handlers;

/** Implements no handler interface. */
public class NotAHandler {}
