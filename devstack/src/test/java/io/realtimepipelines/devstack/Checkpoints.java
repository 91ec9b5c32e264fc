package io.realtimepipelines.devstack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Completed Flink checkpoints in a running job's {@code --stateDir}, read while the job writes it.
 * Flink creates and renames {@code ._metadata.inprogress.*} files and deletes whole {@code chk-N}
 * folders as it goes, so a plain {@code Files.walk} fails now and then with NoSuchFileException (it
 * did in CI, and the scenario that hit it left its job running); this walk skips what vanished.
 */
final class Checkpoints {
  private Checkpoints() {}

  /**
   * Modification time of the newest completed checkpoint ({@code chk-N/_metadata}) under {@code
   * state}, epoch milliseconds; -1 when there is none yet.
   */
  static long newestCompletedMillis(Path state) throws IOException {
    long[] newest = {-1};
    if (!Files.isDirectory(state)) {
      return -1;
    }
    Files.walkFileTree(
        state,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path parent = file.getParent();
            if (file.getFileName().toString().equals("_metadata")
                && parent != null
                && parent.getFileName().toString().startsWith("chk-")) {
              newest[0] = Math.max(newest[0], attrs.lastModifiedTime().toMillis());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // removed or renamed by Flink since it was listed
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return newest[0];
  }
}
