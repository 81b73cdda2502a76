package io.tributary.mapper.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * An EventBridge wildcard value: {@code *} matches any run of characters (also none), {@code \*} is a literal
 * asterisk and {@code \\} a literal backslash. Consecutive wildcards and any other escape are invalid
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching).
 */
final class WildcardPattern {
    /** Literal pieces between the wildcards. */
    private final List<String> pieces;

    private final boolean leadingStar;
    private final boolean trailingStar;

    private WildcardPattern(List<String> pieces, boolean leadingStar, boolean trailingStar) {
        this.pieces = pieces;
        this.leadingStar = leadingStar;
        this.trailingStar = trailingStar;
    }

    /** Parses {@code text}; returns null when it is not a valid wildcard value. */
    static WildcardPattern parse(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean lastWasStar = false;
        boolean leadingStar = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    return null;
                }
                char next = text.charAt(++i);
                if (next != '*' && next != '\\') {
                    return null;
                }
                current.append(next);
                lastWasStar = false;
            } else if (c == '*') {
                if (lastWasStar) {
                    return null;
                }
                if (i == 0) {
                    leadingStar = true;
                } else {
                    pieces.add(current.toString());
                    current.setLength(0);
                }
                lastWasStar = true;
            } else {
                current.append(c);
                lastWasStar = false;
            }
        }
        pieces.add(current.toString());
        return new WildcardPattern(List.copyOf(pieces), leadingStar, lastWasStar);
    }

    boolean matches(String value) {
        int n = pieces.size();
        if (n == 1 && !leadingStar && !trailingStar) {
            return value.equals(pieces.get(0));
        }
        int from = 0;
        int end = value.length();
        int first = 0;
        int last = n - 1;
        if (!leadingStar) {
            String head = pieces.get(0);
            if (!value.startsWith(head)) {
                return false;
            }
            from = head.length();
            first = 1;
        }
        if (!trailingStar) {
            String tail = pieces.get(last);
            if (end - from < tail.length() || !value.endsWith(tail)) {
                return false;
            }
            end -= tail.length();
            last--;
        }
        // Middle pieces: the leftmost occurrence of each, in order, is always the best choice.
        for (int i = first; i <= last; i++) {
            String piece = pieces.get(i);
            if (piece.isEmpty()) {
                continue;
            }
            int at = value.indexOf(piece, from);
            if (at < 0 || at + piece.length() > end) {
                return false;
            }
            from = at + piece.length();
        }
        return true;
    }
}
