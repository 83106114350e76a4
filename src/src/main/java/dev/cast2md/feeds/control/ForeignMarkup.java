package dev.cast2md.feeds.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdom2.Element;

/**
 * Elements Rome does not model (iTunes, Podcasting 2.0), found by local name and a namespace test.
 * Namespaces are matched loosely on purpose: real feeds declare iTunes as {@code
 * http://www.itunes.com/DTDs/Podcast-1.0.dtd} and Podcasting 2.0 under its legacy GitHub URI.
 */
final class ForeignMarkup {
  static final Predicate<Element> ITUNES = e -> uri(e).contains("itunes.com");
  static final Predicate<Element> PODCAST_INDEX =
      e -> uri(e).contains("podcastindex") || "podcast".equals(e.getNamespacePrefix());

  private ForeignMarkup() {}

  static List<Element> all(List<Element> markup, Predicate<Element> ns, String localName) {
    return markup == null
        ? List.of()
        : markup.stream().filter(e -> localName.equals(e.getName()) && ns.test(e)).toList();
  }

  static Optional<Element> first(List<Element> markup, Predicate<Element> ns, String localName) {
    return all(markup, ns, localName).stream().findFirst();
  }

  static Optional<String> text(List<Element> markup, Predicate<Element> ns, String localName) {
    return first(markup, ns, localName).map(Element::getTextTrim).filter(t -> !t.isEmpty());
  }

  private static String uri(Element e) {
    return e.getNamespaceURI().toLowerCase(Locale.ROOT);
  }
}
