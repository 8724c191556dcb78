package citegraph;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * Starts a real Neo4j 5.26 in this JVM (neo4j-harness) for citegraph's tests and for local development.
 *
 * <p>Bolt listens on 127.0.0.1 (port NEO4J_PORT, else a free one); HTTP is disabled. Auth is enabled: user
 * {@code neo4j}, password NEO4J_PASSWORD (default {@code citegraph-test}). The Graph Data Science procedures
 * (gds.*) found on the classpath are registered. When everything is ready the last line printed on stdout
 * is the Bolt URI, preceded by a "user ... password ..." line and a "gds ..." line.
 *
 * <p>Stops on SIGTERM/SIGINT, and with {@code --watch-stdin} also when stdin closes (so a parent that dies
 * never leaves the server behind).
 */
public final class Neo4jLauncher {
  private static final String DEFAULT_PASSWORD = "citegraph-test";
  /** Taken from the machine's memory only as pages are used. */
  private static final long PAGE_CACHE_BYTES = 1L << 30;

  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    boolean watchStdin = List.of(args).contains("--watch-stdin");
    String password = envOr("NEO4J_PASSWORD", DEFAULT_PASSWORD);
    int port = Integer.parseInt(envOr("NEO4J_PORT", Integer.toString(freePort())));
    Path workDir = Files.createTempDirectory("citegraph-neo4j-");

    Neo4jBuilder builder =
        Neo4jBuilders.newInProcessBuilder(workDir)
            .withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .withConfig(GraphDatabaseSettings.auth_enabled, true)
            // neo4j-harness gives the page cache 8 MiB; a pushed 100k-paper graph needs a few hundred.
            .withConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
            .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
    int registered = registerGdsProcedures(builder);

    Neo4j neo4j = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              try {
                neo4j.close();
              } finally {
                deleteQuietly(workDir.toFile());
                stopped.countDown();
              }
            });
    Runtime.getRuntime().addShutdownHook(stopper);

    // The built-in user must change its default password before use; set ours and skip that step.
    GraphDatabaseService system = neo4j.databaseManagementService().database("system");
    system.executeTransactionally(
        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

    String gdsVersion = "absent";
    if (registered > 0) {
      gdsVersion =
          neo4j
              .defaultDatabaseService()
              .executeTransactionally(
                  "RETURN gds.version() AS v", Map.of(), r -> String.valueOf(r.next().get("v")));
    }
    System.out.println("user neo4j password " + password);
    System.out.println("gds " + gdsVersion + " (" + registered + " procedure/function classes)");
    System.out.println("bolt://127.0.0.1:" + port);
    System.out.flush();

    if (watchStdin) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  InputStream in = System.in;
                  while (in.read() != -1) {
                    // Ignore input; only the end of the stream matters.
                  }
                } catch (IOException ignored) {
                  // A broken pipe means the parent is gone: stop as on EOF.
                }
                System.exit(0);
              });
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  /**
   * Registers every class of the GDS jars on the classpath that declares a procedure or function.
   * neo4j-harness only loads procedures it is told about (there is no plugins directory scan for the
   * classpath), so we look for the annotation names in the class bytes before loading anything.
   */
  private static int registerGdsProcedures(Neo4jBuilder builder) throws IOException {
    int count = 0;
    ClassLoader loader = Neo4jLauncher.class.getClassLoader();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String normalized = entry.replace('\\', '/');
      if (!normalized.contains("/org/neo4j/gds/") || !normalized.endsWith(".jar")) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry classEntry = entries.nextElement();
          String name = classEntry.getName();
          if (!name.endsWith(".class") || name.contains("$")) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = jar.getInputStream(classEntry)) {
            bytes = in.readAllBytes();
          }
          String text = new String(bytes, StandardCharsets.ISO_8859_1);
          if (!text.contains("org/neo4j/procedure/Procedure")
              && !text.contains("org/neo4j/procedure/UserFunction")
              && !text.contains("org/neo4j/procedure/UserAggregationFunction")) {
            continue;
          }
          String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
          try {
            Class<?> type = Class.forName(className, false, loader);
            if (has(type, Procedure.class)) {
              builder.withProcedure(type);
              count++;
            }
            if (has(type, UserFunction.class)) {
              builder.withFunction(type);
              count++;
            }
            if (has(type, UserAggregationFunction.class)) {
              builder.withAggregationFunction(type);
              count++;
            }
          } catch (Throwable e) {
            System.err.println("skipping " + className + ": " + e);
          }
        }
      }
    }
    return count;
  }

  private static boolean has(Class<?> type, Class<? extends Annotation> annotation) {
    if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(annotation)) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void deleteQuietly(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteQuietly(child);
      }
    }
    if (!file.delete()) {
      file.deleteOnExit();
    }
  }
}
