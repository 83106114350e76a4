package dev.cast2md.worker.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * English speech synthesised at test time with flite's awb voice, which pocketsphinx hears well.
 */
public final class SpeechFixtures {
  public static final List<String> SENTENCES =
      List.of(
          "The weather today is sunny with a light breeze from the west.",
          "Please send the quarterly report to the finance team before friday.",
          "Welcome back to the show where we talk about science and technology.",
          "Today we are going to talk about the history of the radio.",
          "The first radio stations started to broadcast music and news to the public.",
          "Many families would sit together in the evening to listen to their favorite programs.",
          "Later the television changed the way people spent their free time.",
          "But the radio never went away and it is still very popular in the car.",
          "Our next guest is a teacher who has worked in the same school for twenty years.",
          "She told us that the children learn best when they can ask many questions.",
          "We also spoke about the city library and the new books it bought last year.",
          "The library is open every day from nine in the morning until six in the evening.",
          "Thank you for listening and we hope you will join us again next week.",
          "If you have a question for the show please write to us on the website.",
          "In the next episode we will visit a farm in the north of the country.",
          "The farmer will show us how he grows apples and potatoes without using much water.",
          "Good night and have a wonderful week.");

  private SpeechFixtures() {}

  public static String script() {
    return String.join(" ", SENTENCES);
  }

  /** Writes the sentences as one WAV file (flite's own sample rate); returns its path. */
  public static Path synthesize(String text, Path target) throws IOException, InterruptedException {
    Process flite =
        new ProcessBuilder("flite", "-voice", "awb", "-t", text, "-o", target.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!flite.waitFor(60, TimeUnit.SECONDS) || flite.exitValue() != 0 || !Files.exists(target)) {
      flite.destroyForcibly();
      throw new IOException("flite failed to synthesise speech");
    }
    return target;
  }
}
