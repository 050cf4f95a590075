package dev.parley.schema;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The schema commands of the server jar ({@code 06} §9.1). {@code ParleyApplication.main} hands them over
 * before Spring starts, so exporting needs no port, no API key and no application context.
 */
public final class SchemaCli {

    static final String GENERATE_JSON_SCHEMA = "generate-json-schema";
    static final String GENERATE_TS = "generate-ts";
    static final String GENERATE_SCHEMA = "generate-schema";

    static final int OK = 0;
    static final int IO_ERROR = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: java -jar parley-server.jar generate-json-schema --out DIR   writes the json/ tree into DIR
                   java -jar parley-server.jar generate-ts --out DIR            writes the typescript/ tree into DIR
                   java -jar parley-server.jar generate-schema --out DIR        writes DIR/json and DIR/typescript
            """;

    private static final Set<String> COMMANDS = Set.of(GENERATE_JSON_SCHEMA, GENERATE_TS, GENERATE_SCHEMA);

    private SchemaCli() {
    }

    /** Whether {@code args} name a schema command, which must then run instead of the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs a schema command and returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = outDir(args);
        if (dir == null) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        SchemaExport export = SchemaExport.parley();
        Map<Path, Map<String, String>> trees = switch (args[0]) {
            case GENERATE_JSON_SCHEMA -> Map.of(dir, export.jsonFiles());
            case GENERATE_TS -> Map.of(dir, export.typeScriptFiles());
            default -> export.schemaTrees(dir);
        };
        try {
            SchemaExport.replaceTrees(trees)
                    .forEach((target, count) -> out.println("wrote " + count + " files to " + target));
            return OK;
        } catch (SchemaExport.NotAnExportException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("schema export failed: " + e);
            return IO_ERROR;
        }
    }

    /** The {@code --out} directory of {@code <command> --out DIR} (or {@code --out=DIR}), else {@code null}. */
    private static Path outDir(String[] args) {
        String value = null;
        if (args.length == 3 && args[1].equals("--out")) {
            value = args[2];
        } else if (args.length == 2 && args[1].startsWith("--out=")) {
            value = args[1].substring("--out=".length());
        }
        return value == null || value.isBlank() ? null : Path.of(value);
    }
}
