package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.Subscription;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * OPML subscription lists, as podcast apps export them: every {@code <outline>} with an {@code
 * xmlUrl}, at any depth (folders), each feed URL once. DTDs and external entities are refused, as
 * the file comes from a user.
 */
public final class Opml {
  private Opml() {}

  public static List<Subscription> read(byte[] body) throws FeedParseException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    List<Subscription> out = new ArrayList<>();
    Set<String> urls = new LinkedHashSet<>();
    boolean opml = false;
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(body));
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = xml.getLocalName();
        opml |= "opml".equalsIgnoreCase(name);
        if ("outline".equalsIgnoreCase(name)) {
          String url = attribute(xml, "xmlUrl");
          if (url != null && urls.add(url)) {
            String title = attribute(xml, "title");
            out.add(new Subscription(title != null ? title : attribute(xml, "text"), url));
          }
        }
      }
      xml.close();
    } catch (XMLStreamException e) {
      throw new FeedParseException("Invalid OPML: " + e.getMessage(), e);
    }
    if (!opml) {
      throw new FeedParseException("Invalid OPML: no <opml> element", null);
    }
    return out;
  }

  public static String write(String title, List<Subscription> feeds) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("opml");
      xml.writeAttribute("version", "2.0");
      xml.writeStartElement("head");
      xml.writeStartElement("title");
      xml.writeCharacters(title);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeStartElement("body");
      for (Subscription s : feeds) {
        xml.writeEmptyElement("outline");
        xml.writeAttribute("type", "rss");
        xml.writeAttribute("text", s.title() == null ? s.feedUrl() : s.title());
        xml.writeAttribute("title", s.title() == null ? s.feedUrl() : s.title());
        xml.writeAttribute("xmlUrl", s.feedUrl());
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing OPML to a string cannot fail", e);
    }
    return out.toString();
  }

  private static String attribute(XMLStreamReader xml, String name) {
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      if (name.equalsIgnoreCase(xml.getAttributeLocalName(i))) {
        String value = xml.getAttributeValue(i).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
