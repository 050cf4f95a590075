package dev.parley.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The store's schema: checks that a database is a Parley store this build can use, then migrates it with
 * Flyway ({@code db/migration/common} plus the vendor's folder, history in {@value #HISTORY_TABLE}).
 *
 * <p>The check reads only: a database with tables but no Parley history is someone else's, and one whose
 * history is newer than this build's migrations would be misread; both are refused before anything is
 * written.
 */
public final class StoreSchema {

    /** Flyway's history table; its presence is what makes a database a Parley store. */
    public static final String HISTORY_TABLE = "parley_schema_history";

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

    /** The database vendors, with their migration folder. */
    public enum Vendor {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        List<String> locations() {
            return List.of("classpath:db/migration/common", "classpath:db/migration/" + folder);
        }
    }

    private final Vendor vendor;

    public StoreSchema(Vendor vendor) {
        this.vendor = vendor;
    }

    /** The newest schema version this build knows. */
    public MigrationVersion latestKnown() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<MigrationVersion> versions = new ArrayList<>();
        for (String location : vendor.locations()) {
            try {
                for (Resource resource : resolver.getResources(location.replace("classpath:", "classpath*:") + "/*.sql")) {
                    Matcher matcher = VERSIONED.matcher(String.valueOf(resource.getFilename()));
                    if (matcher.matches()) {
                        versions.add(MigrationVersion.fromVersion(matcher.group(1).replace('_', '.')));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions.stream().max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
    }

    /**
     * Reads what the database holds, without writing.
     *
     * @param storeName the file or the URL without credentials, for the refusal message
     * @throws StoreStartupException not a Parley store, or a newer schema than this build knows
     */
    public void check(Connection connection, String storeName) throws SQLException {
        List<String> tables = userTables(connection);
        if (tables.isEmpty()) {
            return;
        }
        if (!tables.contains(HISTORY_TABLE)) {
            throw new StoreStartupException(storeName + " is not a Parley store (it holds other tables: "
                    + String.join(", ", tables.stream().limit(5).toList()) + (tables.size() > 5 ? ", …" : "")
                    + "); Parley left it untouched",
                    "Point parley.store.path (or spring.datasource.url) at a Parley store or at a new location.");
        }
        MigrationVersion applied = appliedVersion(connection);
        MigrationVersion known = latestKnown();
        if (applied.compareTo(known) > 0) {
            throw new StoreStartupException(storeName + " has schema version " + applied
                    + ", newer than this Parley knows (" + known + "); Parley left it untouched",
                    "Run the Parley version that wrote it (or a newer one), or point Parley at another store.");
        }
    }

    /** Applies every pending migration. */
    public void migrate(DataSource dataSource) {
        Flyway.configure(StoreSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(vendor.locations().toArray(String[]::new))
                .table(HISTORY_TABLE)
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    private static List<String> userTables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = meta.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                    tables.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    private static MigrationVersion appliedVersion(Connection connection) throws SQLException {
        MigrationVersion newest = MigrationVersion.EMPTY;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM " + HISTORY_TABLE + " WHERE success AND version IS NOT NULL")) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                if (version.compareTo(newest) > 0) {
                    newest = version;
                }
            }
        }
        return newest;
    }
}
