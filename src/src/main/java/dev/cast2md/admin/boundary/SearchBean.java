package dev.cast2md.admin.boundary;

import dev.cast2md.transcripts.boundary.SearchResource;
import dev.cast2md.transcripts.entity.SearchHit;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Search titles and transcripts; each hit links to the paragraph it matched. */
@Named("search")
@RequestScoped
public class SearchBean {
  @Inject SearchResource api;

  private List<SearchHit> hits;

  public String getQ() {
    return Console.param("q");
  }

  public List<SearchHit> getHits() {
    if (hits == null) {
      hits = List.of();
      if (getQ() != null) {
        Console.attempt(
            () -> {
              hits = api.search(getQ(), 50).results();
              return null;
            });
      }
    }
    return hits;
  }
}
