package io.alliancewatch.alert.delivery;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.alliancewatch.alert.subscription.WebhookAddresses;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery.Attempt;
import io.alliancewatch.contracts.alert.Subscription;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends deliveries, one at a time per (subscription, alliance) lane, so a "resolved" never
 * overtakes its "firing" while that one is still being tried. Lanes run side by side.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class);

  private final DeliveryLog log;
  private final SubscriptionRepository subscriptions;
  private final KafkaClients clients;
  private final AlertsConfig config;
  private final MeterRegistry meters;
  private final RetryPolicy retries;
  private final WebhookAddresses addresses;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Timer latency;
  private WebhookSender sender;
  private ScheduledExecutorService timers;
  private ExecutorService workers;

  /** The deliveries of one (subscription, alliance), in the order they were made. */
  private static final class Lane {
    final Deque<String> queue = new ArrayDeque<>();
    String current;
    ScheduledFuture<?> timer;
  }

  public Dispatcher(
      DeliveryLog log,
      SubscriptionRepository subscriptions,
      KafkaClients clients,
      AlertsConfig config,
      MeterRegistry meters) {
    this.log = log;
    this.subscriptions = subscriptions;
    this.clients = clients;
    this.config = config;
    this.meters = meters;
    this.retries =
        new RetryPolicy(
            config.delivery().retrySchedule(),
            config.delivery().jitter(),
            config.delivery().maxRetryAfter(),
            () -> ThreadLocalRandom.current().nextDouble());
    this.addresses =
        new WebhookAddresses(config.webhook().allowLoopback(), config.webhook().allowPrivate());
    this.latency =
        Timer.builder("alerts.delivery.latency")
            .description("From the notification being made to its webhook answering 2xx")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    subscriptions.onChange(this::subscriptionChanged);
  }

  public synchronized void start() {
    sender = new WebhookSender(config.delivery().timeout(), clock);
    timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "delivery-timer"));
    workers = Executors.newFixedThreadPool(4, r -> daemon(r, "delivery-worker"));
  }

  public synchronized void stop() {
    if (timers != null) {
      timers.shutdownNow();
      workers.shutdownNow();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lanes.clear();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Queues a delivery at the end of its lane. */
  public void enqueue(Delivery delivery) {
    Lane lane = lanes.computeIfAbsent(delivery.lane(), k -> new Lane());
    synchronized (lane) {
      lane.queue.add(delivery.deliveryId());
      if (lane.current == null) {
        startNext(lane);
      }
    }
  }

  private void startNext(Lane lane) {
    String next = lane.queue.poll();
    lane.current = next;
    if (next != null) {
      workers.execute(() -> attempt(lane, next));
    }
  }

  private void attempt(Lane lane, String deliveryId) {
    Optional<Delivery> found = log.find(deliveryId);
    if (found.isEmpty() || found.get().finished()) {
      finish(lane, null);
      return;
    }
    Delivery delivery = found.get();
    Optional<Subscription> subscription = subscriptions.find(delivery.subscriptionId());
    if (subscription.isEmpty()) {
      finish(lane, cancel(delivery, "the subscription was deleted"));
      return;
    }
    if (Subscription.STATUS_DISABLED.equals(subscription.get().status())) {
      finish(lane, cancel(delivery, "the subscription is disabled (its webhook answered 410)"));
      return;
    }
    Subscription.Webhook webhook = subscription.get().webhook();
    Instant at = clock.instant();
    Optional<String> refused = addresses.problem(webhook.url());
    if (refused.isPresent()) {
      outcome(
          lane,
          delivery,
          at,
          new WebhookSender.Outcome(null, null, "refused: webhook.url " + refused.get(), 0));
      return;
    }
    sender
        .send(
            webhook.url(),
            webhook.secret(),
            delivery.webhookId(),
            WebhookSender.body(delivery.notification()),
            delivery.traceparent())
        .thenAcceptAsync(outcome -> outcome(lane, delivery, at, outcome), workers)
        .exceptionally(
            e -> {
              LOG.errorf(e, "delivery %s stopped", deliveryId);
              return null;
            });
  }

  private void outcome(Lane lane, Delivery delivery, Instant at, WebhookSender.Outcome outcome) {
    Attempt attempt = new Attempt(at, outcome.statusCode(), outcome.error(), outcome.durationMs());
    LOG.logf(
        outcome.succeeded()
            ? org.jboss.logging.Logger.Level.DEBUG
            : org.jboss.logging.Logger.Level.INFO,
        "delivery %s (webhook-id %s) attempt %d: %s in %d ms",
        delivery.deliveryId(),
        delivery.webhookId(),
        delivery.attempts().size() + 1,
        outcome.statusCode() != null ? outcome.statusCode() : outcome.error(),
        outcome.durationMs());
    if (outcome.succeeded()) {
      Delivery done = delivery.withAttempt(attempt, Delivery.SUCCEEDED);
      log.record(done);
      count("succeeded");
      latency.record(Duration.between(delivery.notification().createdAt(), clock.instant()));
      finish(lane, done);
      return;
    }
    if (outcome.statusCode() != null && outcome.statusCode() == 410) {
      Delivery gone = delivery.withAttempt(attempt, Delivery.FAILED);
      subscriptions.disable(delivery.subscriptionId(), "the webhook answered 410 Gone", at);
      count("gone");
      finish(lane, deadLetter(gone.withStatus(Delivery.FAILED, "the webhook answered 410 Gone")));
      return;
    }
    Delivery tried = delivery.withAttempt(attempt, Delivery.RETRYING);
    Optional<Duration> delay =
        retries.next(
            tried.attempts().size(),
            outcome.statusCode(),
            outcome.retryAfter(),
            clock.instant()); // a Retry-After date counts from the answer, not the attempt's start
    if (delay.isEmpty()) {
      count("failed");
      finish(lane, deadLetter(tried.withStatus(Delivery.FAILED, "retries used up")));
      return;
    }
    log.save(tried);
    count("retried");
    synchronized (lane) {
      if (!delivery.deliveryId().equals(lane.current)) {
        return; // cancelled meanwhile
      }
      lane.timer =
          timers.schedule(
              () -> workers.execute(() -> attempt(lane, tried.deliveryId())),
              delay.get().toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  private Delivery deadLetter(Delivery failed) {
    clients.sendAndWait(
        config.topics().notificationsDlq(),
        failed.subscriptionId(),
        new DeadLetteredDelivery(
            failed.deliveryId(), failed.webhookId(), failed.notification(), failed.attempts()),
        Topics.NOTIFICATIONS_DLQ.keySerde().serializer(),
        Topics.NOTIFICATIONS_DLQ.valueSerde().serializer(),
        java.util.Map.of());
    return log.save(failed);
  }

  private Delivery cancel(Delivery delivery, String why) {
    count("cancelled");
    return log.save(delivery.withStatus(Delivery.CANCELLED, why));
  }

  private void finish(Lane lane, Delivery finished) {
    synchronized (lane) {
      if (finished != null && !finished.deliveryId().equals(lane.current)) {
        return;
      }
      lane.timer = null;
      startNext(lane);
    }
  }

  private void count(String outcome) {
    meters.counter("alerts.deliveries", "outcome", outcome).increment();
  }

  /** A deleted or disabled subscription stops its pending retries at once. */
  private void subscriptionChanged(String id, Subscription subscription) {
    if (subscription != null && Subscription.STATUS_ACTIVE.equals(subscription.status())) {
      return;
    }
    lanes.forEach(
        (key, lane) -> {
          if (!key.startsWith(id + "|")) {
            return;
          }
          synchronized (lane) {
            if (lane.timer != null && lane.timer.cancel(false)) {
              String current = lane.current;
              lane.timer = null;
              workers.execute(() -> attempt(lane, current));
            }
          }
        });
  }
}
