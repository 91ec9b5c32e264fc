package io.realtimepipelines.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image tarball Jib builds in {@code package} (Docker archive format, as {@code
 * docker load} / {@code podman load} read it). Built here on the empty base {@code scratch}, since
 * no registry is reachable for Flink's image; what this checks is what the project puts on top of
 * any base: the job jar, byte for byte, at the path every FlinkDeployment's {@code jarURI} names,
 * readable by Flink's non-root user, under the image name the manifests use.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAR_IN_IMAGE = "/opt/flink/usrlib/pipelines-bundled.jar";

  /** Files in the image's layers: path without leading slash -> (mode, sha-256 of content). */
  private static final Map<String, long[]> MODES = new HashMap<>();

  private static final Map<String, String> DIGESTS = new HashMap<>();
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void readTheImage() throws Exception {
    Path tar = Paths.get(System.getProperty("imageTar", "target/image-layout.tar"));
    assertTrue(Files.isRegularFile(tar), "Jib builds " + tar + " in the package phase");
    Map<String, byte[]> top = new HashMap<>();
    List<Path> layers = new ArrayList<>();
    Path dir = Files.createTempDirectory(Paths.get("target"), "image");
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".json")) {
          top.put(e.getName(), in.readAllBytes());
        } else if (e.isFile()) {
          Path layer = dir.resolve(Paths.get(e.getName()).getFileName());
          Files.copy(in, layer);
          layers.add(layer);
        }
      }
    }
    manifest = JSON.readTree(top.get("manifest.json")).get(0);
    assertNotNull(manifest, "a Docker archive has manifest.json");
    config = JSON.readTree(top.get(manifest.get("Config").asText()));
    assertEquals(manifest.get("Layers").size(), layers.size(), "every layer the manifest lists");
    for (Path layer : layers) {
      try (TarArchiveInputStream in =
          new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(layer)))) {
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          String name = e.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
          MODES.put(name, new long[] {e.getMode(), e.getLongUserId()});
          if (e.isFile()) {
            DIGESTS.put(name, sha256(in));
          }
        }
      }
    }
  }

  @Test
  void theImageCarriesTheJobJarByteForByteWhereTheOperatorLoadsIt() throws Exception {
    String name = JAR_IN_IMAGE.substring(1);
    assertTrue(
        DIGESTS.containsKey(name),
        "the image holds " + JAR_IN_IMAGE + "; it has " + DIGESTS.keySet());
    Path jar =
        Paths.get(System.getProperty("bundledJar", "../pipelines/target/pipelines-bundled.jar"));
    try (InputStream in = Files.newInputStream(jar)) {
      assertEquals(
          sha256(in), DIGESTS.get(name), "the jar in the image is the one this build made");
    }
    long mode = MODES.get(name)[0];
    assertEquals(
        0444, mode & 0444, "readable by Flink's user (uid 9999), mode " + Long.toOctalString(mode));
  }

  @Test
  void theImageIsNamedAsTheManifestsNameItAndKeepsTheBaseEntrypoint() throws IOException {
    String image = System.getProperty("imageName", "realtime-pipelines:0.1.0");
    List<String> tags = new ArrayList<>();
    manifest.get("RepoTags").forEach(t -> tags.add(t.asText()));
    assertTrue(
        tags.stream().anyMatch(t -> t.equals(image) || t.endsWith("/" + image)),
        "tagged " + image + ": " + tags);
    // INHERIT: Flink's image entrypoint (jobmanager, taskmanager, the operator's commands) stays.
    assertTrue(
        config.path("config").path("Entrypoint").isMissingNode()
            || config.path("config").path("Entrypoint").isNull(),
        "no entrypoint of its own: " + config);
    assertEquals(
        "realtime-pipelines",
        config.path("config").path("Labels").path("org.opencontainers.image.title").asText());

    YAMLMapper yaml = new YAMLMapper(new YAMLFactory());
    int deployments = 0;
    try (Stream<Path> files = Files.list(Paths.get("k8s", "base"))) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        for (JsonNode doc :
            yaml.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile()).readAll()) {
          if (doc == null || !"FlinkDeployment".equals(doc.path("kind").asText())) {
            continue;
          }
          deployments++;
          assertEquals(image, doc.at("/spec/image").asText(), f + ": spec.image");
          assertEquals(
              "local://" + JAR_IN_IMAGE, doc.at("/spec/job/jarURI").asText(), f + ": jarURI");
        }
      }
    }
    assertTrue(deployments >= 3, "fraud, pricing and recommend deployments: " + deployments);
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
