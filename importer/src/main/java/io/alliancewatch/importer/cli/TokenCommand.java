package io.alliancewatch.importer.cli;

import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.LocalIssuer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code alliance-watch token --role ROLE...}: the local run's tokens (security.md), signed with
 * the key pair in {@code ./data/keys} that {@code ./run} starts the services with. Standard output
 * carries the token alone, so {@code TOKEN=$(./alliance-watch token ...)} works.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Print one signed JWT (RS256) for the local run, and nothing else, on standard output.",
      "The key pair is made in the keys folder on first use; the services verify with its"
          + " public.pem."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  TOKEN=$(./alliance-watch token --role feeder --source analyst)",
      "  export ALLIANCE_WATCH_TOKEN=$(./alliance-watch token --role feeder --source gdelt)",
      "  ./alliance-watch token --role subscriber --subject ops-team --ttl P30D"
    })
final class TokenCommand implements Callable<Integer> {

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      required = true,
      description = "viewer, feeder, subscriber or admin; repeat for several.")
  List<String> roles;

  @Option(
      names = "--subject",
      paramLabel = "NAME",
      description = "The token's sub: who is calling (default: the first role's name).")
  String subject;

  @Option(
      names = "--source",
      paramLabel = "SRC",
      description =
          "A source value the token may write; needed for a feeder, repeat for several"
              + " (e.g. gdelt, nato-dex, analyst).")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      defaultValue = "PT12H",
      converter = Durations.class,
      description =
          "How long the token is valid, ISO-8601 (PT12H, P365D) (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      defaultValue = "${env:ALLIANCE_WATCH_KEYS:-data/keys}",
      description =
          "Folder of private.pem and public.pem, made on first use (default:"
              + " $ALLIANCE_WATCH_KEYS, else data/keys; ./alliance-watch sets it to the project's"
              + " data/keys, where ./run keeps them).")
  Path keys;

  @Option(
      names = "--issuer",
      paramLabel = "ISS",
      defaultValue = Access.LOCAL_ISSUER,
      description = "The token's iss, as the services expect it (default: ${DEFAULT-VALUE}).")
  String issuer;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<String> roles = checkedRoles();
    List<String> sources = checkedSources(roles);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new ParameterException(spec.commandLine(), "--ttl must be positive, was " + ttl);
    }
    String sub = subject != null ? subject.strip() : roles.get(0);
    if (sub.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--subject must not be blank");
    }
    LocalIssuer local;
    try {
      local = LocalIssuer.in(keys, issuer, Clock.systemUTC());
    } catch (UncheckedIOException | IllegalStateException e) {
      String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
      spec.commandLine().getErr().println(e.getMessage() + cause);
      return ImportRun.USAGE;
    }
    spec.commandLine().getOut().println(local.token(sub, roles, sources, ttl));
    spec.commandLine().getOut().flush();
    return ImportRun.OK;
  }

  private List<String> checkedRoles() {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String role : roles) {
      if (!Access.ROLES.contains(role)) {
        throw new ParameterException(
            spec.commandLine(),
            "unknown role '" + role + "': --role takes " + String.join(", ", Access.ROLES));
      }
      distinct.add(role);
    }
    return List.copyOf(distinct);
  }

  private List<String> checkedSources(List<String> roles) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String source : sources) {
      if (source.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--source must not be blank");
      }
      distinct.add(source.strip());
    }
    if (roles.contains(Access.FEEDER) && distinct.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "a feeder writes only the source values its token lists: give --source SRC"
              + " (e.g. --source gdelt), once per source");
    }
    return List.copyOf(distinct);
  }
}
