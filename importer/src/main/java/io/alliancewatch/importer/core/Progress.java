package io.alliancewatch.importer.core;

/** Rows done out of rows expected, shown while a file imports. */
public interface Progress extends AutoCloseable {

  void step();

  @Override
  void close();

  /** Starts one display per file. */
  interface Factory {
    /** {@code total} is the line count, or -1 when {@link #wantsTotal()} is false. */
    Progress start(String label, long total);

    /** Whether the display needs the line count up front (costs one more read of the file). */
    boolean wantsTotal();
  }

  /** No display: tests, {@code --progress=none}, and the follower's unattended runs. */
  Factory NONE =
      new Factory() {
        @Override
        public Progress start(String label, long total) {
          return new Progress() {
            @Override
            public void step() {}

            @Override
            public void close() {}
          };
        }

        @Override
        public boolean wantsTotal() {
          return false;
        }
      };
}
