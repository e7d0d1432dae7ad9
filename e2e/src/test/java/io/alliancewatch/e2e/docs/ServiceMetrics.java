package io.alliancewatch.e2e.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The meters a service registers with Micrometer, read from its source: {@code Counter.builder},
 * {@code Timer.builder}, {@code Gauge.builder}, {@code registry.counter(...)} and {@code @Counted}
 * / {@code @Timed}, each with its tag keys, under the names Prometheus shows.
 */
final class ServiceMetrics {

  enum Kind {
    COUNTER,
    TIMER,
    GAUGE,
    SUMMARY
  }

  /**
   * A meter as Prometheus names it: {@code ingest.events.accepted} is {@code
   * ingest_events_accepted}.
   */
  record Meter(String base, Kind kind, Set<String> tags) {
    /** The series Prometheus exposes for it. */
    Set<String> series() {
      return switch (kind) {
        case COUNTER -> Set.of(base + "_total");
        case GAUGE -> Set.of(base);
        case TIMER -> suffixed(base + "_seconds");
        case SUMMARY -> suffixed(base);
      };
    }

    /** The name the README gives: the counter's {@code _total}, the timer's {@code _seconds}. */
    String documentedName() {
      return switch (kind) {
        case COUNTER -> base + "_total";
        case TIMER -> base + "_seconds";
        case GAUGE, SUMMARY -> base;
      };
    }

    private static Set<String> suffixed(String name) {
      return Set.of(name, name + "_count", name + "_sum", name + "_max", name + "_bucket");
    }
  }

  private static final Pattern BUILDER =
      Pattern.compile("\\b(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
  private static final Pattern SHORTHAND =
      Pattern.compile(
          "\\.(counter|timer|summary)\\(\\s*\"([^\"]+)\"((?:\\s*,\\s*[^,()]+(?:\\([^()]*\\))?)*)\\s*\\)");
  private static final Pattern ANNOTATION =
      Pattern.compile("@(Counted|Timed)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
  private static final Pattern TAG = Pattern.compile("\\.tag\\(\\s*\"([^\"]+)\"");
  private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

  private ServiceMetrics() {}

  /** The meters of a service by Prometheus base name (tags merged over every registration). */
  static Map<String, Meter> of(String service) {
    Map<String, Meter> meters = new TreeMap<>();
    try (Stream<Path> files = Files.walk(RepoFiles.path(service + "/src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher b = BUILDER.matcher(source);
        while (b.find()) {
          int register = source.indexOf(".register(", b.end());
          String chain = register < 0 ? "" : source.substring(b.end(), register);
          Set<String> tags = new TreeSet<>();
          Matcher tag = TAG.matcher(chain);
          while (tag.find()) {
            tags.add(tag.group(1));
          }
          add(meters, b.group(2), kindOf(b.group(1)), tags);
        }
        Matcher s = SHORTHAND.matcher(source);
        while (s.find()) {
          Set<String> tags = new TreeSet<>();
          String[] rest = s.group(3).split(",");
          // name, then key, value, key, value...: the keys are the literals in odd places
          for (int i = 1; i < rest.length; i += 2) {
            Matcher literal = STRING.matcher(rest[i]);
            if (literal.find()) {
              tags.add(literal.group(1));
            }
          }
          add(meters, s.group(2), kindOf(s.group(1)), tags);
        }
        Matcher a = ANNOTATION.matcher(source);
        while (a.find()) {
          add(meters, a.group(2), kindOf(a.group(1)), Set.of());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return meters;
  }

  private static void add(Map<String, Meter> meters, String name, Kind kind, Set<String> tags) {
    String base = name.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
    Meter known = meters.get(base);
    Set<String> merged = new TreeSet<>(tags);
    if (known != null) {
      merged.addAll(known.tags());
    }
    meters.put(base, new Meter(base, kind, merged));
  }

  private static Kind kindOf(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "counter", "counted" -> Kind.COUNTER;
      case "timer", "timed" -> Kind.TIMER;
      case "gauge" -> Kind.GAUGE;
      default -> Kind.SUMMARY;
    };
  }
}
