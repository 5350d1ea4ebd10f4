// One writer per DATA_DIR file: writes never overlap, and a burst of saves costs few writes.

/** Serialises writes to one file; a value scheduled while a write runs replaces any older pending one. */
export class LatestWinsWriter<T> {
  private pending: { value: T } | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (value: T) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(value: T): void {
    this.pending = { value };
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const { value } = this.pending;
      this.pending = null;
      try {
        await this.write(value);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
