package dev.cast2md.admin.boundary;

import dev.cast2md.feeds.boundary.EpisodeView;
import dev.cast2md.feeds.boundary.EpisodesResource;
import dev.cast2md.platform.control.Database;
import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.control.TranscriptRendering;
import dev.cast2md.transcripts.control.TranscriptRepository;
import dev.cast2md.transcripts.entity.Transcript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One episode and its transcript, rendered as timed paragraphs whose timestamps seek the audio
 * player. Text is written through Faces' escaping; nothing from a transcript is markup.
 */
@Named("episode")
@RequestScoped
public class EpisodeBean {
  @Inject EpisodesResource api;
  @Inject Database db;

  private EpisodeView view;
  private boolean looked;
  private List<Paragraph> paragraphs;

  /** A paragraph with its start time (null for an untimed transcript). */
  public record Paragraph(Double start, String stamp, String anchor, String text) {}

  public Long getId() {
    return Console.longParam("id");
  }

  public EpisodeView getView() {
    if (!looked && getId() != null) {
      looked = true;
      try {
        view = api.get(getId());
      } catch (WebApplicationException e) {
        Console.error("Episode " + getId() + " not found");
      }
    }
    return view;
  }

  public List<Paragraph> getParagraphs() {
    if (paragraphs == null) {
      paragraphs = new ArrayList<>();
      Long id = getId();
      Optional<Transcript> t =
          id == null ? Optional.empty() : db.inTransaction(c -> TranscriptRepository.find(c, id));
      if (t.isPresent()) {
        paragraphs = paragraphs(t.get());
      }
    }
    return paragraphs;
  }

  static List<Paragraph> paragraphs(Transcript t) {
    List<Paragraph> out = new ArrayList<>();
    List<Segment> segments = TranscriptRendering.segments(t);
    if (!segments.isEmpty()) {
      for (Segment s : segments) {
        double start = s.start() == null ? 0 : s.start();
        out.add(new Paragraph(start, stamp(start), "t" + (long) start, s.text()));
      }
      return out;
    }
    for (String p : t.markdown().split("\n\\s*\n")) {
      String text = p.strip();
      if (!text.isEmpty() && !text.startsWith("# ")) {
        out.add(new Paragraph(null, null, null, text));
      }
    }
    return out;
  }

  static String stamp(double seconds) {
    long s = (long) seconds;
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%02d:%02d", s / 60, s % 60);
  }

  public String getDuration() {
    Integer s = getView() == null ? null : getView().durationSeconds();
    return s == null ? "" : stamp(s);
  }

  public List<String> getFormats() {
    return List.of("md", "txt", "srt", "vtt", "json");
  }
}
