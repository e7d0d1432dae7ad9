package io.alliancewatch.scoring.topology;

import io.alliancewatch.contracts.ScoreRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Keeps every score record on its way to {@code alliance.scores} in the history store, at its
 * {@code asOf}, in the same transaction: the history on disk holds exactly what was emitted
 * (scoring.md section 9). The store drops what is older than its retention.
 */
final class HistoryRecorder implements Processor<String, ScoreRecord, String, ScoreRecord> {

  private ProcessorContext<String, ScoreRecord> context;
  private WindowStore<String, ScoreRecord> history;

  @Override
  public void init(ProcessorContext<String, ScoreRecord> context) {
    this.context = context;
    this.history = context.getStateStore(ScoringTopology.HISTORY_STORE);
  }

  @Override
  public void process(Record<String, ScoreRecord> record) {
    history.put(record.key(), record.value(), record.value().asOf().toEpochMilli());
    context.forward(record);
  }
}
