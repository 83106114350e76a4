package dev.cast2md.worker.engine.command;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.WavWriter;
import dev.cast2md.worker.subprocess.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Any external program as an engine: the worker writes each chunk as a 16 kHz mono WAV to {@code
 * {input}} and reads JSON, SRT or VTT from {@code {output}}. This is how a user plugs in
 * faster-whisper, NeMo or mlx-whisper without the worker knowing them.
 */
public final class CommandTranscriber implements Transcriber {
  private final EngineSettings settings;
  private final CommandTemplate template;
  private final AtomicInteger chunkCounter = new AtomicInteger();

  public CommandTranscriber(EngineSettings settings) throws EngineException {
    this.settings = settings;
    try {
      this.template = new CommandTemplate(settings.command());
    } catch (IllegalArgumentException e) {
      throw new EngineException(e.getMessage(), e);
    }
  }

  @Override
  public String engine() {
    return "command";
  }

  @Override
  public String model() {
    return settings.model() == null || settings.model().isBlank()
        ? Path.of(template.program()).getFileName().toString()
        : settings.model();
  }

  @Override
  public void load() throws EngineException {
    // The program loads its own model per call; all the worker can check is that it exists.
    String program = template.program();
    boolean found =
        program.contains("/")
            ? Files.isExecutable(Path.of(program))
            : java.util.Arrays.stream(
                    System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    if (!found) {
      throw new EngineException("command engine program not found or not executable: " + program);
    }
  }

  @Override
  public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException {
    List<ChunkTranscript> results = new ArrayList<>();
    for (AudioChunk chunk : batch) {
      results.add(transcribeOne(chunk));
    }
    return results;
  }

  private ChunkTranscript transcribeOne(AudioChunk chunk)
      throws EngineException, InterruptedException {
    Path dir = settings.workDir().resolve("command");
    int n = chunkCounter.incrementAndGet();
    Path input = dir.resolve("chunk-" + n + ".wav");
    Path output = dir.resolve("chunk-" + n + ".out");
    try {
      Files.createDirectories(dir);
      WavWriter.write(chunk.samples(), AudioChunk.SAMPLE_RATE, input);
      Subprocess.Result result =
          Subprocess.run(
              template.expand(input.toString(), output.toString(), settings.model()),
              dir,
              Duration.ofSeconds(settings.commandTimeoutSeconds()));
      Files.deleteIfExists(result.stdout());
      if (result.exitCode() != 0) {
        throw new EngineException(
            template.program() + " exited with " + result.exitCode() + ": " + result.stderrTail());
      }
      if (!Files.exists(output)) {
        throw new EngineException(template.program() + " wrote nothing to {output}");
      }
      String content = Files.readString(output, StandardCharsets.UTF_8);
      return new ChunkTranscript(chunk.index(), TimedTextParser.parse(content), null);
    } catch (IOException | RuntimeException e) {
      throw new EngineException("command engine: " + e.getMessage(), e);
    } finally {
      deleteQuietly(input);
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A leftover chunk file is only litter in the work directory, cleaned at the next start.
    }
  }

  @Override
  public String device() {
    return "external program " + template.program();
  }

  @Override
  public int maxChunkSeconds() {
    // External ASR programs do their own windowing; long chunks keep their context.
    return settings.maxChunkSeconds() > 0 ? settings.maxChunkSeconds() : 600;
  }
}
