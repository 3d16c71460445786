package remit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Development-only Neo4j Community server for Remit: embedded DBMS with the Bolt connector on
 * 127.0.0.1, authentication on, HTTP off. Runs until SIGTERM/SIGINT.
 *
 * <pre>
 * printf '%s\n' "$PASSWORD" | java -Xmx1g -jar target/neo4j-launcher.jar --home DIR --password-stdin [--port 7687] [--database neo4j]
 * java -Xmx1g -jar target/neo4j-launcher.jar --home DIR --password-file FILE ...
 * </pre>
 *
 * Environment (options win): NEO4J_LOCAL_HOME, NEO4J_LOCAL_PORT, NEO4J_DATABASE, NEO4J_PAGECACHE_MB
 * (default 256), NEO4J_TX_TOTAL_MEMORY_MB (all transactions' memory, default 512), NEO4J_TX_MEMORY_MB (one
 * transaction's memory, default: the total; a whole-set load is one transaction, so it needs the room),
 * NEO4J_TX_TIMEOUT_S (the time limit of a transaction whose client sets none, default 60).
 *
 * The password (min. 8 characters) comes from stdin or a file, never the environment: a server's
 * environment stays readable for its whole life (/proc/PID/environ, and through any server-side
 * file read such as LOAD CSV of file:///proc/self/environ). The launcher refuses to start if
 * NEO4J_PASSWORD is in its environment. LOAD CSV may not read local files at all.
 *
 * Prints {@code REMIT-NEO4J READY bolt://127.0.0.1:PORT database=NAME} once Bolt accepts the
 * configured password. Exit codes: 0 normal stop, 2 usage/config error, 1 startup failure.
 */
public final class Neo4jLauncher {

    public static final String READY_MARKER = "REMIT-NEO4J READY";
    private static final String HOST = "127.0.0.1";
    // Neo4j 5 database names: 3-63 chars, lowercase ASCII letters, digits, '.', '-'; starts with a letter.
    // Passwords that were once shown in examples: a server must not run with one of them.
    private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("change-me-please", "password");
    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9.\\-]{2,62}");

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.exit(2);
        } catch (Throwable t) {
            System.err.println("neo4j-launcher: startup failed: " + t);
            t.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String home = env.get("NEO4J_LOCAL_HOME");
        String port = env.getOrDefault("NEO4J_LOCAL_PORT", "7687");
        String database = env.getOrDefault("NEO4J_DATABASE", "neo4j");
        String pagecacheMb = env.getOrDefault("NEO4J_PAGECACHE_MB", "256");
        String txTotalMb = env.getOrDefault("NEO4J_TX_TOTAL_MEMORY_MB", "512");
        String txMemoryMb = env.get("NEO4J_TX_MEMORY_MB");
        String txTimeoutS = env.getOrDefault("NEO4J_TX_TIMEOUT_S", "60");
        String passwordFile = null;
        boolean passwordStdin = false;

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home" -> home = value(args, ++i, a);
                case "--port" -> port = value(args, ++i, a);
                case "--database" -> database = value(args, ++i, a);
                case "--password-file" -> passwordFile = value(args, ++i, a);
                case "--password-stdin" -> passwordStdin = true;
                case "-h", "--help" -> {
                    System.out.println("usage: java -jar neo4j-launcher.jar --home DIR"
                            + " (--password-stdin | --password-file FILE) [--port N] [--database NAME]");
                    return;
                }
                default -> throw new UsageException("unknown argument: " + a);
            }
        }

        if (home == null || home.isBlank()) {
            throw new UsageException("--home DIR (or NEO4J_LOCAL_HOME) is required");
        }
        int boltPort = parseInt(port, "port", 1, 65535);
        long pagecache = ByteUnit.mebiBytes(parseInt(pagecacheMb, "NEO4J_PAGECACHE_MB", 8, 1 << 20));
        int txTotal = parseInt(txTotalMb, "NEO4J_TX_TOTAL_MEMORY_MB", 16, 1 << 20);
        long txMemory = ByteUnit.mebiBytes(txMemoryMb == null ? txTotal : parseInt(txMemoryMb, "NEO4J_TX_MEMORY_MB", 16, txTotal));
        int txTimeout = parseInt(txTimeoutS, "NEO4J_TX_TIMEOUT_S", 1, 86_400);
        if (!DB_NAME.matcher(database).matches()) {
            throw new UsageException("invalid database name '" + database
                    + "' (3-63 chars: lowercase letters, digits, '.', '-'; must start with a letter)");
        }
        if (database.equals("system")) {
            throw new UsageException("'system' cannot be the default database");
        }
        if (env.containsKey("NEO4J_PASSWORD")) {
            throw new UsageException("NEO4J_PASSWORD is in the launcher's environment, where the server would keep it"
                    + " readable (/proc/PID/environ); pass the password with --password-stdin or --password-file"
                    + " and start the JVM without it (env -u NEO4J_PASSWORD ...)");
        }
        String password = readPassword(passwordStdin, passwordFile);
        if (password.length() < 8) {
            throw new UsageException("the password must be at least 8 characters (Neo4j's minimum)");
        }
        if (PLACEHOLDERS.contains(password)) {
            throw new UsageException("the password is the placeholder from .env.example; choose your own (see README)");
        }
        if (portInUse(boltPort)) {
            throw new UsageException("port " + HOST + ":" + boltPort + " is already in use");
        }

        Path homeDir = Path.of(home).toAbsolutePath();
        Files.createDirectories(homeDir);

        Log4jLogProvider userLog = new Log4jLogProvider(System.out, Level.INFO);
        System.out.println("neo4j-launcher: starting Neo4j " + neo4jVersion() + " home=" + homeDir
                + " bolt=" + HOST + ":" + boltPort + " database=" + database);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setUserLogProvider(userLog)
                .setConfig(GraphDatabaseSettings.data_directory, homeDir.resolve("data"))
                .setConfig(GraphDatabaseSettings.logs_directory, homeDir.resolve("logs"))
                .setConfig(GraphDatabaseSettings.initial_default_database, database)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(txTotal))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemory)
                // Memory tracking (Neo4j's default, set so it cannot silently change) counts what
                // operators buffer (collect, sort, distinct); it does not count values built inside
                // one expression, which the Cypher box refuses by plan (queries/readonly_plan.py).
                .setConfig(GraphDatabaseSettings.memory_tracking, true)
                // The time limit of a transaction whose client sets none (Remit's clients set their
                // own). Neo4j checks it between rows, not inside one expression.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeout))
                // A request the server never answers (a parser stack overflow cannot be encoded as a
                // failure) frees the client after keep_alive x probes = 30 s instead of 120 s;
                // the NOOPs every 5 s keep a legitimately long answer's connection open.
                .setConfig(BoltConnector.connection_keep_alive, Duration.ofSeconds(15))
                .setConfig(BoltConnector.connection_keep_alive_probes, 2)
                .setConfig(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(5))
                // LOAD CSV must not read the server's files (e.g. file:///proc/self/environ).
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports (no network anyway)
                // Netty's default 5 s quiet period per Bolt event-loop group makes every stop take ~10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-launcher: shutting down");
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                System.err.println("neo4j-launcher: error during shutdown: " + t);
            } finally {
                System.out.println("neo4j-launcher: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        // On an existing home, a different initial_default_database makes Neo4j 5.26 Community create
        // that database and make it the default; the previous one stays on disk but offline
        // (Community runs a single user database). Say so, and make sure ours is up.
        for (String other : dbms.listDatabases()) {
            if (!other.equals(database) && !other.equals(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)) {
                System.out.println("neo4j-launcher: note: database '" + other + "' also exists in " + homeDir
                        + " but is offline (Community serves one user database: '" + database + "')");
            }
        }
        if (!dbms.database(database).isAvailable(60_000)) {
            throw new IllegalStateException("database '" + database + "' did not become available");
        }

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(READY_MARKER + " bolt://" + HOST + ":" + boltPort + " database=" + database
                + " startup_ms=" + ms);
        System.out.flush();

        stopped.await(); // shutdown hook releases this; JVM exit follows
    }

    /**
     * Community has the single built-in user 'neo4j' (initial password 'neo4j', change required).
     * The embedded API runs with full privileges and no login, so it can set the password directly.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        // Its own time limit: the server's default (NEO4J_TX_TIMEOUT_S) must not fail a slow start.
        try (Transaction tx = system.beginTx(5, TimeUnit.MINUTES)) {
            tx.execute("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password)).close();
            tx.commit();
            System.out.println("neo4j-launcher: password of user neo4j set");
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value; that is the restart case.
            if (String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                clearChangeRequired(system);
                System.out.println("neo4j-launcher: password of user neo4j unchanged (already the one given)");
                return;
            }
            throw e;
        }
    }

    private static void clearChangeRequired(GraphDatabaseService system) {
        try (Transaction tx = system.beginTx(5, TimeUnit.MINUTES);
                Result r = tx.execute("SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j'"
                        + " RETURN passwordChangeRequired")) {
            boolean required = r.hasNext() && Boolean.TRUE.equals(r.next().get("passwordChangeRequired"));
            r.close();
            if (required) {
                tx.execute("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED").close();
            }
            tx.commit();
        }
    }

    /** One line from stdin or the first line of a file; stdin is closed afterwards. */
    private static String readPassword(boolean fromStdin, String file) throws UsageException, IOException {
        if (fromStdin == (file != null)) {
            throw new UsageException("give the password with exactly one of --password-stdin or --password-file FILE");
        }
        String line;
        if (fromStdin) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            line = in.readLine();
            in.close();
        } else {
            try {
                line = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse(null);
            } catch (IOException e) {
                throw new UsageException("cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        if (line == null || line.isEmpty()) {
            throw new UsageException("no password given (an empty line or file)");
        }
        return line;
    }

    private static boolean portInUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String neo4jVersion() {
        String v = DatabaseManagementServiceBuilder.class.getPackage().getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }

    private static String value(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parseInt(String s, String what, int min, int max) throws UsageException {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + what + ": '" + s + "'");
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String msg) {
            super(msg);
        }
    }
}
