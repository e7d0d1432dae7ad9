package io.alliancewatch.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;

/**
 * A one-node KRaft cluster in this JVM secured as docker-compose.yml's brokers are: clients
 * authenticate with SASL/SCRAM-SHA-512, the {@code StandardAuthorizer} refuses what no ACL allows,
 * {@code User:admin} is the only super user.
 *
 * <p>SCRAM users live in the cluster's metadata, so someone must log in before there are any: the
 * admin, with SASL/PLAIN, whose only user it is (the broker's JAAS settings hold its password). The
 * brokers use that login between themselves and to the controllers (where SCRAM is not offered),
 * and the admin creates the SCRAM users and the ACLs with it, as compose's acl-init does.
 */
public final class SecuredKafkaCluster implements KafkaForTests {

  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String ADMIN = "admin";

  private final KafkaClusterTestKit cluster;
  private final String adminPassword;

  private SecuredKafkaCluster(KafkaClusterTestKit cluster, String adminPassword) {
    this.cluster = cluster;
    this.adminPassword = adminPassword;
  }

  /** Starts the cluster; SCRAM logins work once {@link #addUser} made them. */
  public static SecuredKafkaCluster start(Path baseDirectory, String adminPassword) {
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
              .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .setBaseDirectory(baseDirectory)
              .build();
      String brokerListener = nodes.brokerListenerName().value().toLowerCase();
      String controllerListener = nodes.controllerListenerName().value().toLowerCase();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      StandaloneKafka.brokerConfig(baseDirectory, 0, 0).entrySet().stream()
          .filter(e -> e.getKey().contains("replication.factor") || e.getKey().contains("min.isr"))
          .forEach(e -> builder.setConfigProp(e.getKey(), e.getValue()));
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      builder.setConfigProp("num.partitions", "1");
      builder.setConfigProp("auto.create.topics.enable", "false");
      builder.setConfigProp("sasl.enabled.mechanisms", MECHANISM + ",PLAIN");
      builder.setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN");
      builder.setConfigProp(
          "listener.name." + brokerListener + "." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      builder.setConfigProp(
          "listener.name." + brokerListener + ".plain.sasl.jaas.config",
          plainServerLogin(adminPassword));
      builder.setConfigProp("sasl.mechanism.controller.protocol", "PLAIN");
      builder.setConfigProp(
          "listener.name." + controllerListener + ".sasl.enabled.mechanisms", "PLAIN");
      builder.setConfigProp(
          "listener.name." + controllerListener + ".plain.sasl.jaas.config",
          plainServerLogin(adminPassword));
      builder.setConfigProp("authorizer.class.name", StandardAuthorizer.class.getName());
      builder.setConfigProp("allow.everyone.if.no.acl.found", "false");
      builder.setConfigProp("super.users", "User:" + ADMIN);
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new SecuredKafkaCluster(kit, adminPassword);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the secured Kafka cluster", e);
    }
  }

  /**
   * Starts the cluster as docker-compose.yml runs it with its default passwords: a SCRAM user for
   * admin and for each principal of {@code aclFile} ({@link #defaultPassword}), its ACLs in force.
   */
  public static SecuredKafkaCluster startAsCompose(Path baseDirectory, Path aclFile) {
    SecuredKafkaCluster kafka = start(baseDirectory, defaultPassword(ADMIN));
    List<KafkaAcls.Rule> rules = KafkaAcls.read(aclFile);
    kafka.addUser(ADMIN, defaultPassword(ADMIN));
    for (String principal : KafkaAcls.principals(rules)) {
      kafka.addUser(principal, defaultPassword(principal));
    }
    List<AclBinding> bindings = KafkaAcls.bindings(rules);
    kafka.allow(bindings);
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      // the broker authorises with the ACLs once its metadata has them
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  admin.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS).size()
                      >= bindings.size());
    }
    return kafka;
  }

  /** A principal's password in docker-compose.yml when its variable is unset: admin-secret, ... */
  public static String defaultPassword(String principal) {
    return principal + "-secret";
  }

  /** The client settings of a principal of {@link #startAsCompose}. */
  public Map<String, Object> clientProperties(String principal) {
    return clientProperties(principal, defaultPassword(principal));
  }

  /** Creates or replaces a SCRAM user. */
  public void addUser(String name, String password) {
    ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
    asAdmin(
        admin ->
            admin
                .alterUserScramCredentials(
                    List.of(new UserScramCredentialUpsertion(name, info, password)))
                .all()
                .get(30, TimeUnit.SECONDS));
  }

  /** Adds allow rules (they are in force on the broker shortly after, once it has the metadata). */
  public void allow(Collection<AclBinding> bindings) {
    asAdmin(admin -> admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS));
  }

  /** The client settings of {@code user}: the brokers and its SCRAM login. */
  public Map<String, Object> clientProperties(String user, String password) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.putAll(securityProperties(user, password));
    return props;
  }

  /** Only the security settings of {@code user}, under the clients' names. */
  public static Map<String, String> securityProperties(String user, String password) {
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        SecurityProtocol.SASL_PLAINTEXT.name,
        SaslConfigs.SASL_MECHANISM,
        MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG,
        scramLogin(user, password));
  }

  public static String scramLogin(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static String plainServerLogin(String adminPassword) {
    // the broker's own login (to other brokers, to the controllers) and the one user it accepts
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + ADMIN
        + "\" password=\""
        + adminPassword
        + "\" user_"
        + ADMIN
        + "=\""
        + adminPassword
        + "\";";
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  private interface AdminCall {
    void run(Admin admin) throws Exception;
  }

  /** The admin's settings: its PLAIN login, which works before any SCRAM user exists. */
  public Map<String, Object> adminProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
    props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    props.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\";");
    return props;
  }

  private void asAdmin(AdminCall call) {
    try (Admin admin = Admin.create(adminProperties())) {
      call.run(admin);
    } catch (Exception e) {
      throw new IllegalStateException("the cluster refused the admin's request", e);
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the secured Kafka cluster", e);
    }
  }
}
