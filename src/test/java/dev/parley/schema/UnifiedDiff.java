package dev.parley.schema;

import java.util.ArrayList;
import java.util.List;

/** A small line-based unified diff (LCS, three lines of context), enough to show a drifted schema file. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The hunks of {@code before} → {@code after}, each starting with an {@code @@} line. */
    static List<String> hunks(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<Edit> edits = edits(a, b);
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            if (edits.get(i).op != ' ') {
                changes.add(i);
            }
        }
        List<String> out = new ArrayList<>();
        int k = 0;
        while (k < changes.size()) {
            int first = changes.get(k);
            int last = first;
            // Changes separated by at most two context windows share one hunk.
            while (k + 1 < changes.size() && changes.get(k + 1) - last - 1 <= 2 * CONTEXT) {
                last = changes.get(++k);
            }
            k++;
            int start = Math.max(0, first - CONTEXT);
            int end = Math.min(edits.size(), last + 1 + CONTEXT);
            out.add(header(edits, start, end));
            for (Edit edit : edits.subList(start, end)) {
                out.add(edit.op + edit.line);
            }
        }
        return out;
    }

    private static String header(List<Edit> edits, int start, int end) {
        Edit first = edits.get(start);
        int oldCount = 0;
        int newCount = 0;
        for (Edit edit : edits.subList(start, end)) {
            oldCount += edit.op != '+' ? 1 : 0;
            newCount += edit.op != '-' ? 1 : 0;
        }
        return "@@ -" + (first.oldLine + (oldCount == 0 ? 0 : 1)) + "," + oldCount
                + " +" + (first.newLine + (newCount == 0 ? 0 : 1)) + "," + newCount + " @@";
    }

    /** {@code oldLine}/{@code newLine}: how many lines of each side precede this edit. */
    private record Edit(char op, String line, int oldLine, int newLine) {
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit('-', a.get(i), i++, j));
            } else {
                edits.add(new Edit('+', b.get(j), i, j++));
            }
        }
        return edits;
    }
}
