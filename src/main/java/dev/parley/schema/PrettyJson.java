package dev.parley.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Writes a JSON tree in the committed layout of {@code 06} §4.1: two-space indentation, {@code "key": value},
 * one member or element per line, object keys sorted by {@link String#compareTo} at every level, {@code \n}
 * line endings, one trailing newline, non-ASCII as is and {@code /} unescaped. A tiny writer is easier to
 * keep byte-stable than Jackson's pretty printer, whose line separator and spacing are platform settings.
 */
final class PrettyJson {

    private final StringBuilder out = new StringBuilder();

    private PrettyJson() {
    }

    static String write(JsonNode node) {
        PrettyJson writer = new PrettyJson();
        writer.value(node, 0);
        return writer.out.append('\n').toString();
    }

    private void value(JsonNode node, int indent) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            container('{', '}', members.iterator(), indent, member -> {
                quote(member.getKey());
                out.append(": ");
                value(member.getValue(), indent + 2);
            });
        } else if (node.isArray()) {
            container('[', ']', node.values().iterator(), indent, element -> value(element, indent + 2));
        } else if (node.isString()) {
            quote(node.stringValue());
        } else if (node.isFloatingPointNumber()) {
            // Codex writes unsigned bounds as 0.0; Double.toString keeps the fraction.
            out.append(node.doubleValue());
        } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
            out.append(node);
        } else {
            throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        }
    }

    private <T> void container(char open, char close, Iterator<T> items, int indent,
            Consumer<T> writeItem) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        out.append('\n');
        while (items.hasNext()) {
            out.repeat(' ', indent + 2);
            writeItem.accept(items.next());
            out.append(items.hasNext() ? ",\n" : "\n");
        }
        out.repeat(' ', indent).append(close);
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
