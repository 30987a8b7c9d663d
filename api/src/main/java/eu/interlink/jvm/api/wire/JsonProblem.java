package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into one short line that names the field, for people who sent the body. */
public final class JsonProblem {

    private JsonProblem() {
    }

    /**
     * One line naming where the problem is ({@code spec.containers[0].ports}, or {@code body} at the top) and what
     * was expected, or where the JSON is malformed.
     */
    public static String describe(JsonProcessingException thrown) {
        JsonProcessingException e = syntaxErrorWithin(thrown);
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Unexpected end-of-input")) {
            return "truncated JSON" + at(e.getLocation());
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return "malformed JSON" + at(e.getLocation()) + ": " + firstLine(original);
        }
        return path(mapping) + ": " + reason(mapping);
    }

    /** Some deserializers wrap a syntax error deep in the body as a mapping error; the syntax error says more. */
    private static JsonProcessingException syntaxErrorWithin(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException syntax) {
                return syntax;
            }
        }
        return e;
    }

    private static String reason(JsonMappingException e) {
        if (e.getCause() instanceof IllegalArgumentException invalid) {
            return firstLine(invalid.getMessage());
        }
        if (e instanceof InvalidFormatException invalid) {
            return "expected " + kind(invalid.getTargetType()) + ", got '" + invalid.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && e.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
            return "expected " + kind(mismatch.getTargetType()) + ", got " + kind(parser.currentToken());
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String kind(Class<?> type) {
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) || !type.isEnum() ? "an object" : "one of " + type.getSimpleName();
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
