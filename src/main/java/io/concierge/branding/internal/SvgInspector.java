package io.concierge.branding.internal;

import io.concierge.branding.ImageKind;
import io.concierge.shared.InvalidValueException;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accepts only SVG made of what a logo needs, by allowlist rather than by hunting for tricks: every element must be
 * in the SVG namespace (resolved by the parser, so {@code <s:set>} is {@code set} whatever the prefix) and on the
 * list of static drawing elements; every attribute must be on the list of geometry and presentation attributes. So
 * scripts, foreignObject, links, animation ({@code set}, {@code animate*}) and {@code <style>} elements, and
 * {@code style} attributes, never get in, and with them every CSS escape, {@code @import} and {@code image-set()}.
 * Attribute values carry no backslash (no escapes), and their only functions are transforms, colours and
 * {@code url(#fragment)}; the only references are {@code #fragments} and, on {@code <image>}, embedded PNG/JPEG
 * data. The parser refuses any DOCTYPE (so no entity is declared or expanded: no XXE, no billion laughs) and limits
 * nesting depth; the file size is bounded before parsing ({@link ImageInspector}).
 */
final class SvgInspector {

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    private static final int MAX_DEPTH = 48;
    private static final int MAX_ELEMENTS = 20_000;

    private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "title", "desc", "symbol", "use",
            "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
            "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image",
            "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feComposite", "feFlood", "feMerge",
            "feMergeNode", "feDropShadow", "feMorphology");
    private static final Set<String> ANIMATION = Set.of("set", "animate", "animateTransform", "animateMotion",
            "animateColor", "discard", "mpath");

    private static final Set<String> ATTRIBUTES = Set.of(
            "id", "class", "version", "baseProfile", "viewBox", "preserveAspectRatio", "x", "y", "x1", "y1", "x2",
            "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points", "pathLength",
            "transform", "offset", "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits",
            "maskUnits", "maskContentUnits", "patternUnits", "patternContentUnits", "patternTransform", "refX", "refY",
            "markerWidth", "markerHeight", "markerUnits", "orient", "dx", "dy", "rotate", "textLength",
            "lengthAdjust", "startOffset", "method", "spacing", "side", "href",
            "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
            "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
            "stop-color", "stop-opacity", "clip-path", "clip-rule", "mask", "filter", "marker-start", "marker-mid",
            "marker-end", "display", "visibility", "overflow", "font-family", "font-size", "font-weight",
            "font-style", "font-variant", "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline",
            "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "direction",
            "unicode-bidi", "shape-rendering", "text-rendering", "image-rendering", "color-interpolation",
            "color-interpolation-filters", "vector-effect", "paint-order", "mix-blend-mode", "isolation",
            "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2",
            "k3", "k4", "values", "type", "flood-color", "flood-opacity", "radius", "edgeMode");
    /** Attributes in the XML namespace that only say how text is handled. */
    private static final Set<String> XML_ATTRIBUTES = Set.of("space", "lang");

    /** Function-like words a value may contain; anything else (image-set, var, attr, expression ...) is refused. */
    private static final Set<String> FUNCTIONS = Set.of("url", "rgb", "rgba", "hsl", "hsla", "translate", "scale",
            "rotate", "matrix", "skewx", "skewy");
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_-][A-Za-z0-9_-]*)\\s*\\(");
    private static final Pattern LOCAL_URL = Pattern.compile("url\\(\\s*(['\"]?)#[A-Za-z_][A-Za-z0-9_.:-]*\\1\\s*\\)");
    private static final Pattern FRAGMENT = Pattern.compile("#[A-Za-z_][A-Za-z0-9_.:-]*");
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
                    : message.contains("maxElementDepth") ? "its elements are nested more than " + MAX_DEPTH
                    + " levels deep." : "it is not well-formed SVG (XML error: " + shorten(message) + ").");
        } catch (IOException | ParserConfigurationException e) {
            throw ImageInspector.invalid(kind, "it could not be read as SVG.");
        }
        if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
            throw ImageInspector.invalid(kind, "the document's root element must be <svg xmlns=\"" + SVG_NS
                    + "\"> (it is <" + root.getNodeName() + ">" + (root.getNamespaceURI() == null
                    ? " without the SVG namespace" : " in namespace " + shorten(root.getNamespaceURI())) + ").");
        }
        walk(kind, root);
    }

    /** Depth-first without recursion, so nesting cannot exhaust the stack (the parser bounds depth as well). */
    private static void walk(ImageKind kind, Element root) {
        var pending = new ArrayDeque<Node>();
        pending.push(root);
        var elements = 0;
        while (!pending.isEmpty()) {
            var node = pending.pop();
            switch (node.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw ImageInspector.invalid(kind, "it has more than " + MAX_ELEMENTS + " elements.");
                    }
                    checkElement(kind, (Element) node);
                }
                case Node.PROCESSING_INSTRUCTION_NODE -> throw ImageInspector.invalid(kind, "SVG must not contain "
                        + "processing instructions such as xml-stylesheet (they load external files).");
                case Node.ENTITY_REFERENCE_NODE -> throw ImageInspector.invalid(kind,
                        "SVG must not contain a DOCTYPE or entity declarations.");
                default -> {
                    // text, CDATA and comments: inert without <style> and <script>, which are refused
                }
            }
            for (var child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
            }
        }
    }

    private static void checkElement(ImageKind kind, Element element) {
        var name = element.getLocalName();
        var shown = "<" + element.getNodeName() + ">";
        if (!SVG_NS.equals(element.getNamespaceURI())) {
            throw ImageInspector.invalid(kind, "SVG must contain only SVG elements; " + shown + " is in "
                    + (element.getNamespaceURI() == null ? "no namespace" : "namespace "
                    + shorten(element.getNamespaceURI())) + " (export the logo as plain SVG).");
        }
        if (!ELEMENTS.contains(name)) {
            throw ImageInspector.invalid(kind, switch (name) {
                case "script" -> "SVG must not contain <script> elements.";
                case "foreignObject" -> "SVG must not contain <foreignObject> elements.";
                case "style" -> "SVG must not contain <style> elements; use presentation attributes such as fill.";
                case "a" -> "SVG must not contain links (<a> elements).";
                default -> ANIMATION.contains(name) ? "SVG must not contain animation elements (" + shown + ")."
                        : "SVG element " + shown + " is not allowed in a " + kind.label().toLowerCase(Locale.ROOT)
                        + "; use shapes, paths, text, gradients, masks and simple filters.";
            });
        }
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(kind, element, (Attr) attributes.item(i));
        }
    }

    private static void checkAttribute(ImageKind kind, Element element, Attr attribute) {
        var namespace = attribute.getNamespaceURI();
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
            return; // a namespace declaration; what it declares is checked where it is used
        }
        var name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        var shown = attribute.getName() + " on <" + element.getNodeName() + ">";
        var value = attribute.getValue() == null ? "" : attribute.getValue();
        var known = namespace == null ? ATTRIBUTES.contains(name)
                : XLINK_NS.equals(namespace) ? name.equals("href")
                : XMLConstants.XML_NS_URI.equals(namespace) && XML_ATTRIBUTES.contains(name);
        if (!known) {
            throw ImageInspector.invalid(kind, namespace == null && name.toLowerCase(Locale.ROOT).startsWith("on")
                    ? "SVG must not contain event handlers (attribute " + shown + ")."
                    : namespace == null && name.equals("style")
                    ? "SVG must not contain style attributes (" + shown + "); use presentation attributes such as fill."
                    : "SVG attribute " + shown + " is not allowed (export the logo as plain SVG).");
        }
        if (name.equals("href")) {
            checkReference(kind, element, value.strip(), shown);
            return;
        }
        if (value.indexOf('\\') >= 0) {
            throw ImageInspector.invalid(kind, "SVG attribute values must not contain backslash escapes (" + shown + ").");
        }
        var functions = FUNCTION.matcher(value);
        while (functions.find()) {
            var function = functions.group(1).toLowerCase(Locale.ROOT);
            if (!FUNCTIONS.contains(function)) {
                throw ImageInspector.invalid(kind, "SVG attribute " + shown + " uses " + shorten(function)
                        + "(), which is not allowed; only colours, transforms and url(#fragment) are.");
            }
            if (function.equals("url") && !LOCAL_URL.matcher(value).region(functions.start(), value.length())
                    .lookingAt()) {
                throw ImageInspector.invalid(kind, "SVG must not reference external resources (" + shown + "=\""
                        + shorten(value) + "\"); only url(#fragment) is allowed.");
            }
        }
    }

    private static void checkReference(ImageKind kind, Element element, String value, String shown) {
        if (FRAGMENT.matcher(value).matches()
                || element.getLocalName().equals("image") && SAFE_DATA.matcher(value).matches()) {
            return;
        }
        throw ImageInspector.invalid(kind, value.toLowerCase(Locale.ROOT).replaceAll("\\s", "").startsWith("javascript:")
                ? "SVG must not contain javascript: links (" + shown + ")."
                : "SVG must not reference external resources (" + shown + "=\"" + shorten(value)
                + "\"); only #fragments and, on <image>, embedded PNG/JPEG data are allowed.");
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
        factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
