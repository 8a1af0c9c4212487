package io.istgt.telemetry.sim.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request as istgt's {@code istgt_uctl_cmd_execute} sees it: the line is trimmed, split with
 * {@code strsepq} on spaces and tabs (double or single quotes group words, a backslash escapes the next
 * character), and the command word is upper-cased, which is also how istgt echoes it in its replies.
 *
 * @param command the command word, upper-cased (ASCII only, as C's toupper in the C locale)
 * @param args    the remaining words
 */
record Request(String command, List<String> args) {

    Request {
        args = List.copyOf(args);
    }

    static Request parse(byte[] line) {
        // C strings end at the first NUL: whatever follows is invisible to istgt.
        int end = 0;
        while (end < line.length && line[end] != 0) {
            end++;
        }
        String text = trim(new String(line, 0, end, StandardCharsets.ISO_8859_1));
        List<String> words = split(text);
        String command = words.isEmpty() ? "" : upper(words.get(0));
        return new Request(command, words.isEmpty() ? List.of() : words.subList(1, words.size()));
    }

    /** The argument at {@code i}, or null when istgt's {@code strsepq} would have returned NULL. */
    String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    // istgt's trim_string: isspace() in the C locale.
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    // Repeated strsepq(&arg, " \t") calls: an empty line still yields one empty word (the command "").
    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int q = 0;
        int n = text.length();
        do {
            StringBuilder word = new StringBuilder();
            char quoted = 0;
            boolean backslash = false;
            while (q < n && text.charAt(q) != '\n') {
                char c = text.charAt(q);
                if (backslash) {
                    backslash = false;
                    word.append(c);
                    q++;
                } else if (quoted != 0) {
                    if (quoted == '"' && c == '\\') {
                        backslash = true;
                    } else if (c == quoted) {
                        quoted = 0;
                    } else {
                        word.append(c);
                    }
                    q++;
                } else if (c == '\\') {
                    backslash = true;
                    q++;
                } else if (c == '"' || c == '\'') {
                    quoted = c;
                    q++;
                } else if (c != ' ' && c != '\t') {
                    word.append(c);
                    q++;
                } else {
                    q++;
                    break;
                }
            }
            words.add(word.toString());
            while (q < n && (text.charAt(q) == ' ' || text.charAt(q) == '\t')) {
                q++;
            }
        } while (q < n);
        return words;
    }

    private static String upper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return out.toString();
    }
}
