/**
 * Stops the gateway hammering a subgraph that keeps failing (DESIGN.md "Scale-out"): after
 * `threshold` failures in a row the circuit opens and fetches are answered unavailable at once,
 * without waiting for a timeout each; after `cooldownMs` one fetch is let through as a probe; it
 * closes the circuit when it succeeds and opens it again when it fails.
 */
export class CircuitBreaker {
  private state: 'closed' | 'open' | 'probing' = 'closed';
  private failures = 0;
  private openedAt = 0;

  constructor(
    private readonly options: { threshold: number; cooldownMs: number; onChange?: (open: boolean) => void },
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a fetch may be sent now; when the cooldown is over, the first caller sends the probe. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'probing') return false;
    if (this.now() - this.openedAt < this.options.cooldownMs) return false;
    this.state = 'probing';
    return true;
  }

  success(): void {
    this.failures = 0;
    if (this.state !== 'closed') {
      this.state = 'closed';
      this.options.onChange?.(false);
    }
  }

  failure(): void {
    this.failures += 1;
    if (this.state === 'probing' || (this.state === 'closed' && this.failures >= this.options.threshold)) {
      const wasClosed = this.state === 'closed';
      this.state = 'open';
      this.openedAt = this.now();
      if (wasClosed) this.options.onChange?.(true);
    }
  }

  /**
   * The fetch let through says nothing about the subgraph's health (refused for its own caller's
   * assertion, say): if it was the probe, the next fetch probes instead, at once.
   */
  inconclusive(): void {
    if (this.state === 'probing') this.state = 'open';
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }
}
