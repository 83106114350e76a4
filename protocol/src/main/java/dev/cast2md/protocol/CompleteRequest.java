package dev.cast2md.protocol;

import java.util.List;

/**
 * The finished transcript. The Python node sends the Markdown and the model; the Java worker also
 * sends the timed segments (for SRT, VTT and JSON), the language and the engine's device.
 */
public record CompleteRequest(
    String transcriptText,
    String whisperModel,
    List<Segment> segments,
    String language,
    Double durationSeconds,
    String device) {}
