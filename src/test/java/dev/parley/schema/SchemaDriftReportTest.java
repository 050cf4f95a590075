package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDriftReportTest {

    @Test
    void listsChangedMissingAndExtraFilesAndDiffsTheFirstChangedFile() {
        Map<String, String> committed = Map.of(
                "json/A.json", "{\n  \"a\": 1,\n  \"b\": 2\n}\n",
                "typescript/B.ts", "export type B = string;\n",
                "typescript/Old.ts", "export type Old = number;\n");
        Map<String, String> generated = Map.of(
                "json/A.json", "{\n  \"a\": 1,\n  \"b\": 3\n}\n",
                "typescript/B.ts", "export type B = string;\r\n",
                "typescript/New.ts", "export type New = number;\n");

        SchemaDriftReport report = SchemaDriftReport.compare(committed, generated);

        assertThat(report.upToDate()).isFalse();
        assertThat(report.message()).isEqualTo("""
                Committed protocol schema is out of date (4 files differ):
                  changed: json/A.json
                  changed: typescript/B.ts
                  missing: typescript/New.ts
                  extra: typescript/Old.ts
                --- committed json/A.json
                +++ generated json/A.json
                @@ -1,4 +1,4 @@
                 {
                   "a": 1,
                -  "b": 2
                +  "b": 3
                 }
                Regenerate with:
                  ./mvnw test -Dtest=SchemaDriftTest -Dparley.schema.update=true
                or
                  java -jar target/parley-server-<version>.jar generate-schema --out schema
                then review and commit the changes under schema/.
                """);
    }

    @Test
    void aLineEndingChangeIsReportedEvenThoughNoLineDiffers() {
        SchemaDriftReport report = SchemaDriftReport.compare(Map.of("typescript/B.ts", "x\n"),
                Map.of("typescript/B.ts", "x\r\n"));

        assertThat(report.changed()).containsExactly("typescript/B.ts");
        assertThat(report.firstDiff()).hasValueSatisfying(
                diff -> assertThat(diff).contains("(only line endings or the final newline differ)"));
    }

    @Test
    void separatesDistantChangesIntoHunksWithThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\nELEVEN\n12\n";

        assertThat(UnifiedDiff.hunks(before, after)).containsExactly(
                "@@ -1,5 +1,5 @@", " 1", "-2", "+TWO", " 3", " 4", " 5",
                "@@ -8,5 +8,5 @@", " 8", " 9", " 10", "-11", "+ELEVEN", " 12");
    }

    @Test
    void identicalTreesAreUpToDate() {
        assertThat(SchemaDriftReport.compare(Map.of("a", "x\n"), Map.of("a", "x\n")).upToDate()).isTrue();
    }
}
