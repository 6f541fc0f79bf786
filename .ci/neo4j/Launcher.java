// An in-process Neo4j 5 Community server for engagemap's live tests (org.neo4j.test:neo4j-harness).
//
// Usage: java -cp <jars> Launcher.java PORT DATA_DIR
// Bolt listens on 127.0.0.1:PORT with authentication on; the password of the user neo4j is set
// from the environment variable NEO4J_PASSWORD. HTTP is off. Prints "engagemap-neo4j ready"
// once Bolt answers, then runs until it is sent SIGTERM (the shutdown hook stops the database).
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java Launcher.java PORT DATA_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("set NEO4J_PASSWORD (at least 8 characters) for the user neo4j");
            System.exit(2);
        }
        String pageCache = System.getenv().getOrDefault("NEO4J_PAGECACHE", "512m");
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(data)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
        neo4j.databaseManagementService().database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                java.util.Map.of("password", password));
        System.out.println("engagemap-neo4j ready " + neo4j.boltURI());
        System.out.flush();
        Thread.currentThread().join();
    }
}
