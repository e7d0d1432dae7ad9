package io.alliancewatch.e2e.docs;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service knows: those of its {@code application.properties} (profile
 * prefixes such as {@code %test.} removed), its {@code @ConfigProperty} injections and those of its
 * {@code @ConfigMapping} interfaces, read from their source (method names in kebab case, nested
 * interfaces as segments), each with its value or {@code @WithDefault}.
 */
final class ServiceConfig {

  private static final Pattern MAPPING =
      Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
  private static final Pattern METHOD =
      Pattern.compile(
          "(@WithDefault\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
              + "([\\w.]+(?:<[^;()]*>)?)\\s+(\\w+)\\(\\s*\\)\\s*;");
  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile(
          "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"(?:\\s*,\\s*defaultValue\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\")?");
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  final String service;

  /** Unprofiled values of application.properties. */
  final Map<String, String> properties;

  /** Keys of the config mappings, with their {@code @WithDefault} (empty: no default). */
  final Map<String, Optional<String>> mapping;

  /** Environment variables that application.properties reads, e.g. {@code LOG_JSON}. */
  final List<String> referencedEnv;

  private ServiceConfig(
      String service,
      Map<String, String> properties,
      Map<String, Optional<String>> mapping,
      List<String> referencedEnv) {
    this.service = service;
    this.properties = properties;
    this.mapping = mapping;
    this.referencedEnv = referencedEnv;
  }

  static ServiceConfig of(String service) {
    String text = RepoFiles.read(service + "/src/main/resources/application.properties");
    Properties loaded = new Properties();
    try {
      loaded.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String key : loaded.stringPropertyNames()) {
      if (!key.startsWith("%")) {
        properties.put(key, loaded.getProperty(key));
      }
    }
    List<String> env = new ArrayList<>();
    Matcher m = ENV_REFERENCE.matcher(text);
    while (m.find()) {
      env.add(m.group(1));
    }
    return new ServiceConfig(service, properties, mappingKeys(service), env);
  }

  /** Whether the service knows the key, from its properties or its config mapping. */
  boolean knows(String key) {
    return properties.containsKey(key) || mapping.containsKey(key);
  }

  /**
   * Whether the service knows a key that starts with {@code prefix} (e.g. {@code alerts.topics.}).
   */
  boolean knowsUnder(String prefix) {
    return keys().stream().anyMatch(key -> key.startsWith(prefix));
  }

  /**
   * The value the service runs with when nothing overrides it: the properties', else the mapping
   * default.
   */
  Optional<String> defaultOf(String key) {
    if (properties.containsKey(key)) {
      return Optional.of(properties.get(key));
    }
    return mapping.getOrDefault(key, Optional.empty());
  }

  /** Every key, known from either source. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(properties.keySet());
    mapping.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    return keys;
  }

  /** The environment variable that overrides {@code key} (MicroProfile Config's mapping). */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  private static Map<String, Optional<String>> mappingKeys(String service) {
    Map<String, Optional<String>> keys = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(RepoFiles.path(service + "/src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = stripComments(Files.readString(file));
        Matcher property = CONFIG_PROPERTY.matcher(source);
        while (property.find()) {
          keys.putIfAbsent(property.group(1), Optional.ofNullable(property.group(2)));
        }
        Matcher mapping = MAPPING.matcher(source);
        if (mapping.find()) {
          Map<String, String> bodies = interfaceBodies(source);
          Matcher root = INTERFACE.matcher(source);
          if (root.find(mapping.end())) {
            collect(mapping.group(1), root.group(1), bodies, keys);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private static void collect(
      String prefix, String type, Map<String, String> bodies, Map<String, Optional<String>> keys) {
    Matcher method = METHOD.matcher(bodies.get(type));
    while (method.find()) {
      String returned = method.group(3);
      String key = prefix + "." + kebab(method.group(4));
      if (bodies.containsKey(returned)) {
        collect(key, returned, bodies, keys);
      } else {
        keys.put(key, Optional.ofNullable(method.group(2)));
      }
    }
  }

  /** Each interface's own body, with the bodies of the interfaces nested in it cut out. */
  private static Map<String, String> interfaceBodies(String source) {
    Map<String, String> bodies = new HashMap<>();
    Matcher m = INTERFACE.matcher(source);
    while (m.find()) {
      int open = m.end() - 1;
      int close = matchingBrace(source, open);
      String body = source.substring(open + 1, close);
      Matcher nested = INTERFACE.matcher(body);
      StringBuilder own = new StringBuilder();
      int from = 0;
      while (nested.find(from)) {
        own.append(body, from, nested.start());
        from = matchingBrace(body, nested.end() - 1) + 1;
      }
      own.append(body.substring(from));
      bodies.put(m.group(1), own.toString());
    }
    return bodies;
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced braces");
  }

  private static String stripComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
