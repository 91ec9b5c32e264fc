package io.realtimepipelines.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version of this build, written into dead letters and summaries. */
public final class PipelineInfo {
  private static final String VERSION = load();

  private PipelineInfo() {}

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = PipelineInfo.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
