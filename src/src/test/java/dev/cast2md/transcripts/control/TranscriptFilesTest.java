package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFilesTest {

  @Test
  void namesAreSafe() {
    assertEquals("Grusse_aus_Koln", FileNames.sanitize("Grüße aus Köln"));
    assertEquals("a_b_c", FileNames.sanitize("a/b\\c"));
    assertEquals("etc_passwd", FileNames.sanitize("../../etc/passwd"));
    assertEquals("unnamed", FileNames.sanitize("日本語"));
    assertEquals("unnamed", FileNames.sanitize(null));
    assertEquals("What_s_up", FileNames.sanitize("What?s   up?"));
    assertEquals(80, FileNames.sanitize("x".repeat(200)).length());
  }

  @Test
  void layoutCannotCollide() {
    Instant day = Instant.parse("2023-03-04T23:30:00Z");
    Path a = TranscriptFiles.relativePath("Podcasting 2.0", day, "Episode 124: Live!", 7);
    Path b = TranscriptFiles.relativePath("Podcasting 2.0", day, "Episode 124: Live?", 8);
    assertEquals(Path.of("Podcasting_2.0", "2023-03-04_Episode_124_Live!_7.md"), a);
    assertNotEquals(a, b);
    assertEquals(
        Path.of("unnamed", "undated_unnamed_9.md"), TranscriptFiles.relativePath("", null, "", 9));
  }

  @Test
  void writesAtomicallyInsideTheRoot(@TempDir Path root) throws Exception {
    Path rel = TranscriptFiles.relativePath("Feed", null, "Ep", 1);
    Path written = TranscriptFiles.write(root, rel, "**[00:00]** Hi\n");
    assertEquals("**[00:00]** Hi\n", Files.readString(written));
    TranscriptFiles.write(root, rel, "**[00:00]** Again\n");
    assertEquals("**[00:00]** Again\n", Files.readString(written));
    try (var files = Files.list(written.getParent())) {
      assertEquals(1, files.count(), "no temporary files left");
    }
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                java.io.IOException.class,
                () -> TranscriptFiles.write(root, Path.of("..", "x.md"), "x"))
            .getMessage()
            .contains("leaves"));
  }
}
