package io.realtimepipelines.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis server for tests and the dev stack, on 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@link #shared()}: the Redis already answering on 127.0.0.1:6379 when there is one (then
 *       use a {@link #uniquePrefix()} per test and {@link #deleteKeys(String)} your own keys, never
 *       FLUSHALL), else a {@code redis-server} child process on a free port, without persistence.
 *   <li>{@link #startOwn()}: always a child process of its own on a free port, with {@link #stop()}
 *       and {@link #restart()} on the same port; it keeps its data across a restart (an append-only
 *       file in a temporary folder, fsync always).
 *   <li>{@link #startOwnWithPassword(String)}: the same, with {@code requirepass} (given in a
 *       config file readable only by this user, not on the command line).
 * </ul>
 *
 * <p>Whatever starts a server stops it: {@link #close()} stops a child process and deletes its
 * folder, and leaves a server it did not start alone. Needs {@code redis-server} on the PATH
 * ({@code apt-get install redis-server}).
 */
public final class LocalRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

  /** The Redis a developer may already run. */
  public static final int DEFAULT_PORT = 6379;

  private static final String HOST = "127.0.0.1";

  private final int port;
  private final boolean own;
  private final List<String> args;
  private final Path dir;
  private final String password;
  private Process process;

  private LocalRedis(int port, boolean own, List<String> args, Path dir, String password) {
    this.port = port;
    this.own = own;
    this.args = args;
    this.dir = dir;
    this.password = password;
  }

  /** The Redis on 127.0.0.1:6379 when it answers PING, else a new child process. */
  public static LocalRedis shared() {
    if (answers(DEFAULT_PORT, null)) {
      return new LocalRedis(DEFAULT_PORT, false, List.of(), null, null);
    }
    return startProcess(false, null, 0);
  }

  /**
   * The Redis answering PING on 127.0.0.1:{@code port}, left as it is, else a new child process on
   * that port (the dev stack).
   */
  public static LocalRedis onPort(int port) {
    if (answers(port, null)) {
      return new LocalRedis(port, false, List.of(), null, null);
    }
    return startProcess(false, null, port);
  }

  /** A child process of its own on a free port that keeps its data across {@link #restart()}. */
  public static LocalRedis startOwn() {
    return startProcess(true, null, 0);
  }

  /** {@link #startOwn()} with {@code requirepass password}. */
  public static LocalRedis startOwnWithPassword(String password) {
    if (password == null || password.isEmpty() || password.contains("\n")) {
      throw new IllegalArgumentException("password must be one non-empty line");
    }
    return startProcess(true, password, 0);
  }

  private static LocalRedis startProcess(boolean persistent, String password, int fixedPort) {
    String server = findServer();
    Path dir;
    int port;
    try {
      dir = Files.createTempDirectory("local-redis-");
      if (fixedPort > 0) {
        port = fixedPort;
      } else {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
          port = s.getLocalPort();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>(List.of(server));
    if (password != null) {
      Path conf = dir.resolve("redis.conf");
      try {
        Files.writeString(
            conf,
            "requirepass \"" + password.replace("\"", "\\\"") + "\"\n",
            StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      args.add(conf.toString());
    }
    args.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            HOST,
            "--save",
            "",
            "--dir",
            dir.toString()));
    if (persistent) {
      args.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
    } else {
      args.addAll(List.of("--appendonly", "no"));
    }
    LocalRedis redis = new LocalRedis(port, true, List.copyOf(args), dir, password);
    redis.launch();
    return redis;
  }

  private static String findServer() {
    String configured = System.getProperty("redis.server");
    if (configured != null) {
      return configured;
    }
    List<String> path = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      path.add(d);
    }
    path.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
    for (String d : path) {
      File f = new File(d, "redis-server");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    throw new IllegalStateException(
        "redis-server is not installed (not on the PATH): apt-get install redis-server, or set"
            + " -Dredis.server=<path>");
  }

  private void launch() {
    try {
      process =
          new ProcessBuilder(args)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + args.get(0) + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server on port " + port + " exited with " + process.exitValue() + ":\n" + log());
      }
      if (answers(port, password)) {
        LOG.info("redis-server started on {}:{} (pid {})", HOST, port, process.pid());
        return;
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "redis-server on port " + port + " did not answer PING within 15 s:\n" + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean answers(int port, String password) {
    DefaultJedisClientConfig.Builder b =
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(500);
    if (password != null) {
      b.password(password);
    }
    try (Jedis j = new Jedis(new HostAndPort(HOST, port), b.build())) {
      return "PONG".equals(j.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** True when this object started the server (and {@link #close()} stops it). */
  public boolean isOwn() {
    return own;
  }

  /** A new connection (authenticated when the server has a password); close it. */
  public Jedis client() {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder();
    if (password != null) {
      b.password(password);
    }
    return new Jedis(new HostAndPort(HOST, port), b.build());
  }

  /** A key prefix no other test uses, e.g. {@code rtp-test-1a2b3c4d:}. */
  public static String uniquePrefix() {
    return "rtp-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Deletes the keys that start with {@code prefix} (never everything); returns how many. */
  public long deleteKeys(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("a prefix is required: this never deletes every key");
    }
    long deleted = 0;
    try (Jedis j = client()) {
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams match =
          new ScanParams().match(prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*").count(1000);
      do {
        ScanResult<String> page = j.scan(cursor, match);
        if (!page.getResult().isEmpty()) {
          deleted += j.unlink(page.getResult().toArray(new String[0]));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return deleted;
  }

  /** Stops the child process (keeping its folder for {@link #restart()}). */
  public void stop() {
    requireOwn("stop");
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      LOG.info("redis-server on {}:{} stopped", HOST, port);
    }
  }

  /**
   * Kills the child process at once (SIGKILL), as a crash would; {@link #start()} brings it back.
   */
  public void kill() {
    requireOwn("kill");
    if (process != null && process.isAlive()) {
      try {
        process.destroyForcibly().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.info("redis-server on {}:{} killed", HOST, port);
    }
  }

  /**
   * Starts the child process again after {@link #kill()} or {@link #stop()}, same port and data.
   */
  public void start() {
    requireOwn("start");
    launch();
  }

  /** Starts the child process again on the same port, with the data it had. */
  public void restart() {
    requireOwn("restart");
    stop();
    launch();
  }

  private void requireOwn(String what) {
    if (!own) {
      throw new IllegalStateException("cannot " + what + " a Redis this object did not start");
    }
  }

  @Override
  public void close() {
    if (!own) {
      return;
    }
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "LocalRedis " + HOST + ":" + port + (own ? " (own process)" : " (shared)");
  }
}
