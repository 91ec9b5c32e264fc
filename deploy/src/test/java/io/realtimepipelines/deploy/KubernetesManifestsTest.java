package io.realtimepipelines.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.realtimepipelines.pipelines.Job;
import io.realtimepipelines.pipelines.fraud.FraudJob;
import io.realtimepipelines.pipelines.pricing.PricingJob;
import io.realtimepipelines.pipelines.recommend.RecommendJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * Every manifest in {@code deploy/k8s}, the base and each overlay as Kustomize renders it, is
 * valid: FlinkDeployments against the CRD schema shipped in the Flink Kubernetes Operator's API
 * jar, other kinds against the Kubernetes schema of the fabric8 model, both strictly (a field the
 * schema does not know is an error, as with {@code kubectl --validate=strict}). Every job argument
 * is an option of its job, and no credential is ever an argument.
 */
class KubernetesManifestsTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Path K8S = Path.of("k8s");
  private static final Map<String, Job<?>> JOBS =
      Map.of("fraud", new FraudJob(), "pricing", new PricingJob(), "recommend", new RecommendJob());

  @Test
  void everyBaseManifestAndEveryRenderedOverlayIsValid() throws Exception {
    List<String> problems = new ArrayList<>();
    List<Path> roots = new ArrayList<>(List.of(K8S.resolve("base")));
    try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
      overlays.sorted().forEach(roots::add);
    }
    int checked = 0;
    for (Path root : roots) {
      for (JsonNode doc : Kustomize.render(root)) {
        String where =
            root + ": " + doc.path("kind").asText() + " " + doc.at("/metadata/name").asText();
        for (ValidationMessage m :
            Schemas.forKind(doc.path("apiVersion").asText(), doc.path("kind").asText())
                .validate(doc)) {
          problems.add(where + ": " + m.getMessage());
        }
        checked++;
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(
        3 * 4, checked, "base, dev and prod, each with 3 FlinkDeployments and the state volume");
  }

  @Test
  void theValidatorRejectsWhatAClusterWouldReject() throws Exception {
    ObjectNode fraud = (ObjectNode) YAML.readTree(K8S.resolve("base/fraud.yaml").toFile());
    JsonSchema schema = Schemas.forKind("flink.apache.org/v1beta1", "FlinkDeployment");
    assertEquals(Set.of(), schema.validate(fraud));
    ObjectNode typo = fraud.deepCopy();
    ((ObjectNode) typo.get("spec")).set("paralellism", JsonNodeFactory.instance.numberNode(4));
    assertFalse(schema.validate(typo).isEmpty(), "an unknown field");
    ObjectNode version = fraud.deepCopy();
    ((ObjectNode) version.get("spec")).put("flinkVersion", "v1_9");
    assertFalse(schema.validate(version).isEmpty(), "a Flink version the operator does not know");
    ObjectNode container = fraud.deepCopy();
    ((ObjectNode) container.at("/spec/podTemplate/spec/containers/0")).put("imagePullPolicy", 3);
    assertFalse(schema.validate(container).isEmpty(), "a wrong type inside the pod template");
    ObjectNode pvc = (ObjectNode) YAML.readTree(K8S.resolve("base/state.yaml").toFile());
    JsonSchema core = Schemas.forKind("v1", "PersistentVolumeClaim");
    assertEquals(Set.of(), core.validate(pvc));
    ((ObjectNode) pvc.get("spec")).put("accesModes", "ReadWriteMany");
    assertFalse(core.validate(pvc).isEmpty(), "an unknown field of a core kind");
  }

  @Test
  void jobArgumentsAreOptionsOfTheirJobAndNeverCredentials() throws Exception {
    for (JsonNode doc : Kustomize.render(K8S.resolve("base"))) {
      if (!doc.path("kind").asText().equals("FlinkDeployment")) {
        continue;
      }
      String name = doc.at("/metadata/name").asText();
      List<String> args = new ArrayList<>();
      doc.at("/spec/job/args").forEach(a -> args.add(a.asText()));
      Job<?> job = JOBS.get(args.get(0));
      assertTrue(job != null, name + ": unknown job " + args.get(0));
      // Beam rejects an option its job's interface does not declare, naming it.
      PipelineOptionsFactory.fromArgs(args.subList(1, args.size()).toArray(new String[0]))
          .as(job.optionsClass());
      for (String a : args) {
        String lower = a.toLowerCase();
        if (lower.contains("password")
            || lower.contains("secret")
            || lower.contains("jaas")
            || lower.contains("token")) {
          assertTrue(
              a.matches("--redisPassword(Env|File)=[A-Za-z0-9_./-]+"),
              name + ": a credential on the command line: " + a);
        }
      }
      for (JsonNode c : doc.at("/spec/podTemplate/spec/containers")) {
        for (JsonNode env : c.path("env")) {
          if (env.path("name").asText().matches("(?i).*(PASSWORD|SECRET|TOKEN).*")) {
            assertTrue(
                env.at("/valueFrom/secretKeyRef/name").isTextual(),
                name + ": " + env + " not from a Secret");
          }
        }
      }
      assertEquals("savepoint", doc.at("/spec/job/upgradeMode").asText(), name);
      assertEquals(
          "kubernetes", doc.at("/spec/flinkConfiguration/high-availability.type").asText(), name);
      assertTrue(
          doc.at("/spec/job/jarURI").asText().startsWith("local:///opt/flink/usrlib/"), name);
      assertEquals(
          "true",
          doc.at("/spec/podTemplate/metadata/annotations/prometheus.io~1scrape").asText(),
          name);
      String stateDir =
          args.stream().filter(a -> a.startsWith("--stateDir=")).findFirst().orElse("");
      assertTrue(
          stateDir.startsWith("--stateDir=/opt/rtp/state/"), name + ": state on the shared volume");
    }
  }

  @Test
  void ourOverlayRenderingIsKustomizes() throws Exception {
    assumeTrue(
        onPath("kubectl"),
        "kubectl is not installed (CI machines have none): the overlays"
            + " were checked with this test's own rendering of the Kustomize features they use");
    for (String overlay : List.of("dev", "prod")) {
      Path root = K8S.resolve("overlays").resolve(overlay);
      Process p =
          new ProcessBuilder("kubectl", "kustomize", root.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
      Set<JsonNode> theirs = new HashSet<>();
      for (Iterator<JsonNode> it =
              YAML.readerFor(JsonNode.class).readValues(new YAMLFactory().createParser(out));
          it.hasNext(); ) {
        theirs.add(it.next());
      }
      assertEquals(theirs, new HashSet<>(Kustomize.render(root)), overlay);
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** The schemas, from the jars that publish them, made strict. */
  static final class Schemas {
    private static final JsonNode CRD = crd();
    private static final JsonNode CORE = core();

    static JsonSchema forKind(String apiVersion, String kind) throws IOException {
      if (apiVersion.equals("flink.apache.org/v1beta1") && kind.equals("FlinkDeployment")) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(CRD);
      }
      assertEquals(
          "v1", apiVersion, kind + ": only core/v1 kinds are used besides FlinkDeployment");
      String def = "kubernetes_core_" + kind;
      assertTrue(CORE.path("definitions").has(def), "no schema for " + kind);
      ObjectNode schema = JsonNodeFactory.instance.objectNode();
      schema.put("$ref", "#/definitions/" + def);
      schema.set("definitions", CORE.get("definitions"));
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static JsonNode crd() {
      JsonNode crd = resource("META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml");
      for (JsonNode v : crd.at("/spec/versions")) {
        if (v.path("name").asText().equals("v1beta1")) {
          ObjectNode schema = v.at("/schema/openAPIV3Schema").deepCopy();
          // The API server adds these to every custom resource's schema.
          ObjectNode props = (ObjectNode) schema.get("properties");
          props.putObject("apiVersion").put("type", "string");
          props.putObject("kind").put("type", "string");
          props.putObject("metadata").put("type", "object");
          return strict(schema);
        }
      }
      throw new IllegalStateException("no v1beta1 in the FlinkDeployment CRD");
    }

    private static JsonNode core() {
      ObjectNode core = (ObjectNode) strict(resource("schema/validation-schema.json"));
      // Quantities ("50Gi") and int-or-strings are Java classes in the model, scalars on the wire.
      ObjectNode defs = (ObjectNode) core.get("definitions");
      defs.set("kubernetes_resource_Quantity", scalar("string", "integer", "number"));
      defs.set("kubernetes_apimachinery_pkg_util_intstr_IntOrString", scalar("string", "integer"));
      return core;
    }

    private static ObjectNode scalar(String... types) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      ArrayNode t = n.putArray("type");
      for (String type : types) {
        t.add(type);
      }
      return n;
    }

    private static JsonNode resource(String name) {
      try (InputStream in =
          KubernetesManifestsTest.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " not on the test classpath");
        }
        return YAML.readTree(in);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * An object schema with properties and no rule for others gets {@code additionalProperties:
     * false} (fabric8's {@code true} on model classes too), unless Kubernetes keeps unknown fields
     * there; draft-3 style {@code required: true} flags are dropped.
     */
    private static JsonNode strict(JsonNode n) {
      if (n.isObject()) {
        ObjectNode o = (ObjectNode) n;
        if (o.has("properties")
            && o.get("properties").isObject()
            && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
            && (!o.has("additionalProperties") || o.get("additionalProperties").isBoolean())) {
          o.put("additionalProperties", false);
        }
        if (o.has("required") && o.get("required").isBoolean()) {
          o.remove("required");
        }
        o.elements().forEachRemaining(Schemas::strict);
      } else if (n.isArray()) {
        n.elements().forEachRemaining(Schemas::strict);
      }
      return n;
    }
  }

  /**
   * The Kustomize features these manifests use, rendered the way Kustomize does: resources (files
   * and folders with their own kustomization), namespace and patches targeted by kind and
   * optionally name, merged as JSON merge patches (what a strategic merge patch is for a custom
   * resource and for the fields patched here).
   */
  static final class Kustomize {
    static List<JsonNode> render(Path root) throws IOException {
      JsonNode k = YAML.readTree(root.resolve("kustomization.yaml").toFile());
      // Not images: Kustomize's image transformer does not reach a custom resource's spec.image.
      Set<String> known = Set.of("apiVersion", "kind", "namespace", "resources", "patches");
      k.fieldNames()
          .forEachRemaining(
              f ->
                  assertTrue(
                      known.contains(f),
                      root
                          + ": kustomization field "
                          + f
                          + " is not rendered by this test; extend Kustomize.render"));
      List<JsonNode> docs = new ArrayList<>();
      for (JsonNode r : k.path("resources")) {
        Path p = root.resolve(r.asText()).normalize();
        if (Files.isDirectory(p)) {
          docs.addAll(render(p));
        } else {
          for (Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(p.toFile());
              it.hasNext(); ) {
            docs.add(it.next());
          }
        }
      }
      for (JsonNode patch : k.path("patches")) {
        JsonNode body = YAML.readTree(root.resolve(patch.path("path").asText()).toFile());
        JsonNode target = patch.path("target");
        int applied = 0;
        for (JsonNode d : docs) {
          if (d.path("kind").asText().equals(target.path("kind").asText())
              && (!target.has("name")
                  || d.at("/metadata/name").asText().equals(target.path("name").asText()))) {
            ObjectNode b = body.deepCopy();
            b.remove("apiVersion");
            b.remove("kind");
            b.remove("metadata");
            merge((ObjectNode) d, b);
            applied++;
          }
        }
        assertTrue(applied > 0, root + ": patch " + patch + " matches nothing");
      }
      if (k.has("namespace")) {
        docs.forEach(
            d -> ((ObjectNode) d.get("metadata")).put("namespace", k.get("namespace").asText()));
      }
      return docs;
    }

    private static void merge(ObjectNode base, ObjectNode patch) {
      patch
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode b = base.get(e.getKey());
                if (b != null && b.isObject() && e.getValue().isObject()) {
                  merge((ObjectNode) b, (ObjectNode) e.getValue());
                } else if (e.getValue().isNull()) {
                  base.remove(e.getKey());
                } else {
                  base.set(e.getKey(), e.getValue());
                }
              });
    }
  }
}
