/**
 * Delivery ids already handled, the oldest forgotten first. GitHub may deliver a webhook again
 * (a redelivery, a retry after a timeout); the same id must act once. In memory: a deployment with
 * several instances needs a shared store (Redis, a database) instead.
 */
export class SeenDeliveries {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time an id is offered; false while it is remembered. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }

  /** Lets a delivery that failed be acted on when GitHub (or a person) redelivers it. */
  release(id: string): void {
    this.ids.delete(id);
  }
}
