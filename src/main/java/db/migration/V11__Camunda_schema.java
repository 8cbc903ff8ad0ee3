package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Camunda's tables, created by the owner of the schema (Flyway's user) rather than by the engine at
 * start, so that the application's role owns no table (see {@code fr.facteur.config.DatabaseRoles}).
 * Runs the engine's own creation scripts, in the engine's order, on a database that has none of its
 * tables yet; a database whose Camunda tables exist (created by an earlier version of Facteur) is
 * left as it is. Upgrading Camunda later means running its upgrade scripts the same way.
 */
public class V11__Camunda_schema extends BaseJavaMigration {

    private static final String[] SCRIPTS = {"engine", "case.engine", "case.history", "history", "identity",
        "decision.engine", "decision.history"};

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement();
             ResultSet present = statement.executeQuery("SELECT to_regclass('public.act_ge_property') IS NOT NULL")) {
            present.next();
            if (present.getBoolean(1)) {
                return;
            }
        }
        for (String component : SCRIPTS) {
            String sql = script("org/camunda/bpm/engine/db/create/activiti.postgres.create." + component + ".sql");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL search_path TO public"); // this migration's transaction only
                statement.execute(sql);
            }
        }
    }

    private static String script(String resource) throws IOException {
        try (InputStream in = V11__Camunda_schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Camunda's creation script " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
