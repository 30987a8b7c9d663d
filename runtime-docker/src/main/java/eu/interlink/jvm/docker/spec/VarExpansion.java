package eu.interlink.jvm.docker.spec;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} expansion in env values, {@code command} and {@code args}: a reference to a variable
 * that is defined is replaced by its value, one that is not is left as written, and {@code $$} stands for a
 * literal {@code $} (so {@code $$(VAR)} gives {@code $(VAR)}).
 */
public final class VarExpansion {

    private VarExpansion() {
    }

    /** The text with every defined {@code $(NAME)} replaced. */
    public static String expand(String text, Map<String, String> variables) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '(' && text.indexOf(')', i + 2) > 0) {
                int close = text.indexOf(')', i + 2);
                String name = text.substring(i + 2, close);
                String value = variables.get(name);
                out.append(value != null ? value : text.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
