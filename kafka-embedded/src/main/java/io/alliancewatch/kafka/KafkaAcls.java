package io.alliancewatch.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of {@code deploy/kafka/acls.txt}, the file docker-compose.yml's acl-init gives to
 * kafka-acls.sh line by line: {@code principal resource pattern name operations}, read here as
 * kafka-acls.sh reads those arguments, so the tests grant exactly what compose grants.
 */
public final class KafkaAcls {

  /** Where the file is, relative to the repository root. */
  public static final String FILE = "deploy/kafka/acls.txt";

  /** One line of the file: allow {@code principal} the operations on one resource pattern. */
  public record Rule(
      String principal,
      ResourceType resourceType,
      PatternType patternType,
      String name,
      Set<AclOperation> operations) {

    /** What the rule grants, as the Admin API takes it: one binding per operation, any host. */
    public List<AclBinding> bindings() {
      ResourcePattern pattern = new ResourcePattern(resourceType, name, patternType);
      return operations.stream()
          .map(
              operation ->
                  new AclBinding(
                      pattern,
                      new AccessControlEntry(
                          "User:" + principal, "*", operation, AclPermissionType.ALLOW)))
          .toList();
    }
  }

  private KafkaAcls() {}

  public static List<Rule> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Rule> parse(String text) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\\s+");
      if (columns.length != 5) {
        throw invalid(i, line, "5 columns (principal resource pattern name operations)");
      }
      ResourceType resource =
          switch (columns[1]) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw invalid(i, line, "topic, group or transactional-id");
          };
      PatternType pattern =
          switch (columns[2]) {
            case "literal" -> PatternType.LITERAL;
            case "prefixed" -> PatternType.PREFIXED;
            default -> throw invalid(i, line, "literal or prefixed");
          };
      Set<AclOperation> operations = new LinkedHashSet<>();
      for (String name : columns[4].split(",")) {
        operations.add(operation(name, i, line));
      }
      rules.add(new Rule(columns[0], resource, pattern, columns[3], Set.copyOf(operations)));
    }
    return rules;
  }

  /** Every binding of the rules. */
  public static List<AclBinding> bindings(List<Rule> rules) {
    return rules.stream().flatMap(rule -> rule.bindings().stream()).toList();
  }

  /** The principals the rules name, in the file's order. */
  public static Set<String> principals(List<Rule> rules) {
    return rules.stream().map(Rule::principal).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** kafka-acls.sh's operation names (Read, IdempotentWrite, ...) as the Admin API's. */
  private static AclOperation operation(String name, int index, String line) {
    String constant = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return Arrays.stream(AclOperation.values())
        .filter(op -> op != AclOperation.ANY && op != AclOperation.UNKNOWN)
        .filter(op -> op.name().equals(constant))
        .findFirst()
        .orElseThrow(() -> invalid(index, line, "an operation of kafka-acls.sh, not " + name));
  }

  private static IllegalArgumentException invalid(int index, String line, String expected) {
    return new IllegalArgumentException(
        FILE + " line " + (index + 1) + ": expected " + expected + ": " + line);
  }
}
