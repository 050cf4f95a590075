package dev.parley.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The differences between the committed schema trees and the generated ones, and the message that explains them. */
record SchemaDriftReport(List<String> changed, List<String> missing, List<String> extra, Optional<String> firstDiff) {

    static final int MAX_DIFF_LINES = 80;

    /** Compares by exact string: CRLF, a missing trailing newline, anything counts. */
    static SchemaDriftReport compare(Map<String, String> committed, Map<String, String> generated) {
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(committed.keySet());
        paths.addAll(generated.keySet());
        for (String path : paths) {
            String before = committed.get(path);
            String after = generated.get(path);
            if (before == null) {
                missing.add(path);
            } else if (after == null) {
                extra.add(path);
            } else if (!before.equals(after)) {
                changed.add(path);
            }
        }
        Optional<String> firstDiff = changed.stream().findFirst()
                .map(path -> diff(path, committed.get(path), generated.get(path)));
        return new SchemaDriftReport(changed, missing, extra, firstDiff);
    }

    boolean upToDate() {
        return changed.isEmpty() && missing.isEmpty() && extra.isEmpty();
    }

    String message() {
        StringBuilder out = new StringBuilder("Committed protocol schema is out of date (")
                .append(changed.size() + missing.size() + extra.size()).append(" files differ):\n");
        changed.forEach(path -> out.append("  changed: ").append(path).append('\n'));
        missing.forEach(path -> out.append("  missing: ").append(path).append('\n'));
        extra.forEach(path -> out.append("  extra: ").append(path).append('\n'));
        firstDiff.ifPresent(out::append);
        return out.append("""
                Regenerate with:
                  ./mvnw test -Dtest=SchemaDriftTest -Dparley.schema.update=true
                or
                  java -jar target/parley-server-<version>.jar generate-schema --out schema
                then review and commit the changes under schema/.
                """).toString();
    }

    private static String diff(String path, String committed, String generated) {
        StringBuilder out = new StringBuilder()
                .append("--- committed ").append(path).append('\n')
                .append("+++ generated ").append(path).append('\n');
        List<String> hunks = UnifiedDiff.hunks(committed, generated);
        if (hunks.isEmpty()) {
            // Same lines, different bytes: line endings or the trailing newline.
            hunks = List.of("(only line endings or the final newline differ)");
        }
        hunks.stream().limit(MAX_DIFF_LINES).forEach(line -> out.append(line).append('\n'));
        if (hunks.size() > MAX_DIFF_LINES) {
            out.append("(diff truncated after ").append(MAX_DIFF_LINES).append(" lines)\n");
        }
        return out.toString();
    }
}
