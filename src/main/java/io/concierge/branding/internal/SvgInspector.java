package io.concierge.branding.internal;

import io.concierge.branding.ImageKind;
import io.concierge.shared.InvalidValueException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accepts only SVG that cannot run code or fetch anything when an investor's browser shows it: no scripts, event
 * handlers, foreignObject, entities/DOCTYPE, style imports, or references other than #fragments and embedded
 * PNG/JPEG data. The parser itself refuses DOCTYPEs and external entities, so XXE cannot happen even if a check
 * here were wrong.
 */
final class SvgInspector {

    private static final Pattern URL_FUNCTION = Pattern.compile("url\\s*\\(\\s*['\"]?\\s*([^'\")\\s]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SAFE_DATA = Pattern.compile("data:image/(png|jpeg);base64,[A-Za-z0-9+/=\\s]*",
            Pattern.CASE_INSENSITIVE);

    private SvgInspector() {
    }

    static void check(ImageKind kind, byte[] bytes) {
        Element root;
        try {
            var builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(bytes)).getDocumentElement();
        } catch (SAXException e) {
            // The parser is the guard: it refuses any DOCTYPE, so no entity can be declared or expanded. A
            // lower-case "<!doctype" is not even well-formed XML, but deserves the same clear message.
            var message = String.valueOf(e.getMessage());
            var text = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            throw ImageInspector.invalid(kind, message.contains("DOCTYPE") || text.contains("<!doctype")
                    || text.contains("<!entity")
                    ? "SVG must not contain a DOCTYPE or entity declarations."
                    : "it is not well-formed SVG (XML error: " + shorten(message) + ").");
        } catch (IOException | ParserConfigurationException e) {
            throw ImageInspector.invalid(kind, "it could not be read as SVG.");
        }
        if (!"svg".equals(localName(root))) {
            throw ImageInspector.invalid(kind, "the document's root element is <" + localName(root) + ">, not <svg>.");
        }
        walk(kind, root);
    }

    private static void walk(ImageKind kind, Node node) {
        if (node.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
            throw ImageInspector.invalid(kind, "SVG must not contain processing instructions such as "
                    + "xml-stylesheet (they load external files).");
        }
        if (node instanceof Element element) {
            checkElement(kind, element);
        }
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            checkCss(kind, node.getNodeValue());
        }
        for (var child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            walk(kind, child);
        }
    }

    private static void checkElement(ImageKind kind, Element element) {
        var name = localName(element).toLowerCase(Locale.ROOT);
        if (name.equals("script")) {
            throw ImageInspector.invalid(kind, "SVG must not contain <script> elements.");
        }
        if (name.equals("foreignobject")) {
            throw ImageInspector.invalid(kind, "SVG must not contain <foreignObject> elements.");
        }
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            var attribute = attributes.item(i);
            var attributeName = localName(attribute).toLowerCase(Locale.ROOT);
            var value = attribute.getNodeValue() == null ? "" : attribute.getNodeValue();
            if (attributeName.startsWith("on")) {
                throw ImageInspector.invalid(kind, "SVG must not contain event handlers (attribute "
                        + attribute.getNodeName() + " on <" + element.getNodeName() + ">).");
            }
            if (value.replaceAll("\\s", "").toLowerCase(Locale.ROOT).contains("javascript:")) {
                throw ImageInspector.invalid(kind, "SVG must not contain javascript: links.");
            }
            if (attributeName.equals("href") || attributeName.equals("src")) {
                checkReference(kind, value.trim(), attribute.getNodeName());
            }
            if (element.getNodeName().equalsIgnoreCase("set") || element.getNodeName().equalsIgnoreCase("animate")) {
                if (attributeName.equals("attributename") && value.toLowerCase(Locale.ROOT).contains("href")) {
                    throw ImageInspector.invalid(kind, "SVG must not animate links (<" + element.getNodeName()
                            + " attributeName=\"" + value + "\">).");
                }
            }
            checkCss(kind, value);
        }
    }

    private static void checkReference(ImageKind kind, String value, String attribute) {
        if (!value.startsWith("#") && !SAFE_DATA.matcher(value).matches()) {
            throw ImageInspector.invalid(kind, "SVG must not reference external resources (" + attribute + "=\""
                    + shorten(value) + "\"); only #fragments and embedded PNG/JPEG data are allowed.");
        }
    }

    private static void checkCss(ImageKind kind, String text) {
        if (text == null) {
            return;
        }
        if (text.toLowerCase(Locale.ROOT).contains("@import")) {
            throw ImageInspector.invalid(kind, "SVG styles must not @import other files.");
        }
        var matcher = URL_FUNCTION.matcher(text);
        while (matcher.find()) {
            checkReference(kind, matcher.group(1), "url()");
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static String localName(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
