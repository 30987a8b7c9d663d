package eu.interlink.jvm.api.wire;

/** Quotes text as Go's {@code strconv.Quote} (and so kubelet's {@code %q}) does. */
final class GoQuote {

    private GoQuote() {
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(point -> {
            switch (point) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\u0007' -> quoted.append("\\a");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\u000b' -> quoted.append("\\v");
                default -> {
                    if (point < 0x20 || point == 0x7f) {
                        quoted.append(String.format("\\x%02x", point));
                    } else if (!isPrintable(point)) {
                        quoted.append(point < 0x10000 ? String.format("\\u%04x", point) : String.format("\\U%08x", point));
                    } else {
                        quoted.appendCodePoint(point);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    private static boolean isPrintable(int point) {
        int type = Character.getType(point);
        return point == ' ' || !(Character.isISOControl(point) || Character.isWhitespace(point)
                || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR);
    }
}
