package io.tributary.mapper.control;

import io.tributary.mapper.EsmException;
import io.tributary.mapper.EventSourceMapping;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * Creation-order sequence numbers and the opaque {@code NextMarker} of ListEventSourceMappings. A marker names the last
 * mapping of the previous page and its sequence number, so the next page starts right after it even when that mapping
 * was deleted in between. Not thread-safe: used under the manager's lock.
 */
final class MappingPages {
    private long next;

    long nextSequence() {
        return next++;
    }

    String encode(String lastUuid, long lastSequence) {
        String plain = lastUuid + "/" + lastSequence;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sequence number after which the page starts: -1 without a marker.
     *
     * @param sequenceOf the current sequence of a mapping still present, or {@code null}
     */
    long decode(String marker, Function<String, Long> sequenceOf) {
        if (marker == null) {
            return -1;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            int slash = plain.lastIndexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("no separator");
            }
            Long current = sequenceOf.apply(plain.substring(0, slash));
            return current != null ? current : Long.parseLong(plain.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw EsmException.invalidParameter("Invalid Marker: " + marker);
        }
    }

    static boolean matches(
            EventSourceMapping m, String eventSourceArn, String functionName, String resolvedFunctionArn) {
        if (eventSourceArn != null && !eventSourceArn.equals(m.eventSourceArn())) {
            return false;
        }
        if (functionName == null) {
            return true;
        }
        // A function that no longer exists still lists its mappings (AWS keeps them too): match by ARN or name.
        return m.functionArn().equals(resolvedFunctionArn)
                || m.functionArn().equals(functionName)
                || (!functionName.contains(":")
                        && functionNameOf(m.functionArn()).equals(functionName));
    }

    static String functionNameOf(String functionArn) {
        int at = functionArn.indexOf(":function:");
        if (at < 0) {
            return functionArn;
        }
        String rest = functionArn.substring(at + ":function:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
