package fr.facteur.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the benchmarks measure besides time: the database's own counters, the CPU time of this JVM
 * and of the PostgreSQL server, the JVM's resident memory.
 */
final class BenchmarkProbes {

    private final JdbcClient jdbc;

    BenchmarkProbes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What PostgreSQL did on this database: commits and rows written and read (cumulative). */
    record DatabaseWork(double commits, double inserted, double updated, double deleted, double read) {

        DatabaseWork minus(DatabaseWork before) {
            return new DatabaseWork(commits - before.commits, inserted - before.inserted, updated - before.updated,
                    deleted - before.deleted, read - before.read);
        }

        DatabaseWork per(int count) {
            return new DatabaseWork(commits / count, inserted / count, updated / count, deleted / count, read / count);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f commits, %.0f rows inserted, %.0f updated, %.0f deleted, %.0f read",
                    commits, inserted, updated, deleted, read);
        }
    }

    /** CPU seconds used by this JVM and by the PostgreSQL server's processes (cumulative, from /proc). */
    record CpuTime(double jvm, double database) {

        CpuTime minus(CpuTime before) {
            return new CpuTime(jvm - before.jvm, database - before.database);
        }

        CpuTime per(int count) {
            return new CpuTime(jvm / count, database / count);
        }

        double total() {
            return Double.isNaN(database) ? jvm : jvm + database;
        }

        @Override
        public String toString() {
            return Double.isNaN(database)
                    ? String.format(Locale.ROOT, "JVM %.2f ms (PostgreSQL not on this machine)", jvm * 1000)
                    : String.format(Locale.ROOT, "JVM %.2f ms + PostgreSQL %.2f ms", jvm * 1000, database * 1000);
        }
    }

    /**
     * This JVM's CPU time and that of the PostgreSQL server (its postmaster, found through
     * {@code postmaster.pid} in its data directory or by the port it listens on, and the backends it
     * started, live or ended).
     */
    CpuTime cpuTime() throws IOException {
        double jvm = cpuSeconds(Path.of("/proc/self/stat"), false);
        double database = Double.NaN;
        String postmaster = postmaster();
        if (postmaster != null) {
            database = cpuSeconds(Path.of("/proc", postmaster, "stat"), true);
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if (Files.readAllLines(process.resolve("status")).stream()
                                .anyMatch(line -> line.equals("PPid:\t" + postmaster))) {
                            database += cpuSeconds(process.resolve("stat"), false);
                        }
                    } catch (IOException ended) {
                        // a backend that ended meanwhile: its time is in the postmaster's children time
                    }
                }
            }
        }
        return new CpuTime(jvm, database);
    }

    /** The postmaster's pid, or null when the server is not on this machine. */
    private String postmaster() throws IOException {
        try {
            Path pidFile = Path.of(jdbc.sql("SHOW data_directory").query(String.class).single(), "postmaster.pid");
            if (Files.isReadable(pidFile)) {
                return Files.readAllLines(pidFile).get(0).trim();
            }
        } catch (DataAccessException notAllowed) {
            // the application's role may not read the server's settings: find the server by its port
        }
        String port = jdbc.sql("SHOW port").query(String.class).single();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    List<String> arguments = List.of(Files.readString(process.resolve("cmdline")).split("\0"));
                    int flag = arguments.indexOf("-p");
                    if (!arguments.isEmpty() && arguments.get(0).endsWith("/postgres") && flag >= 0
                            && flag + 1 < arguments.size() && arguments.get(flag + 1).equals(port)) {
                        return process.getFileName().toString();
                    }
                } catch (IOException ended) {
                    // a process that ended meanwhile
                }
            }
        }
        return null;
    }

    /**
     * User + system time of a process ({@code proc(5)} fields 14–15, and 16–17 for ended children),
     * in clock ticks of 1/100 s (Linux's USER_HZ).
     */
    private static double cpuSeconds(Path stat, boolean withEndedChildren) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withEndedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / 100.0;
    }

    /** The database's counters, once the other sessions have flushed theirs (at most a second late). */
    DatabaseWork databaseWork() throws InterruptedException {
        Thread.sleep(1500);
        return jdbc.sql("""
                        SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned + tup_fetched AS tup_read
                        FROM pg_stat_database WHERE datname = current_database()""")
                .query((rs, n) -> new DatabaseWork(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)))
                .single();
    }

    static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }

    static long residentMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
