// One timer for every sleeping watch of a client. A process following 10,000 tasks would otherwise hold
// 10,000 setTimeout handles (plus one deadline timer each); here a sleeping watch is one small entry in a
// binary min-heap ordered by due time, and ONE setTimeout is armed for the earliest entry. When it fires,
// every due entry runs (in due order, ties in scheduling order) and the timer is re-armed for the next one.
//
// Browser-safe: only setTimeout/clearTimeout and performance.now (monotonic, so a wall-clock jump cannot
// make every watch wake at once or sleep for an hour).

/**
 * One scheduled callback. Anything with these fields can be scheduled (a watch loop is its own entry, so a
 * sleeping watch allocates nothing for its sleep); `schedule(at, run)` makes a plain one.
 */
export interface ScheduledEntry {
  /** Due time on the scheduler's clock (ms); set by `add`. */
  at: number;
  /** Scheduling order, breaks ties between equal `at`; set by `add`. */
  seq: number;
  /** Position in the heap; -1 when not scheduled. */
  index: number;
  /** Called once when due (as a method: `this` is the entry). */
  run(): void;
}

/** Time and timer functions; tests pass fakes, everyone else gets the globals. */
export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

const globalClock: SchedulerClock = {
  // Whole milliseconds: timers have no finer grain, and small integers are stored unboxed (a watch keeps
  // a few times; as floats each would be a separate heap number).
  now: () => Math.floor(performance.now()),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** setTimeout's largest delay (about 24.8 days); longer waits re-arm when it fires. */
const maxTimerMs = 2 ** 31 - 1;
/** Timers have millisecond granularity and may fire a fraction early: entries this close count as due. */
const dueSlackMs = 1;

const before = (a: ScheduledEntry, b: ScheduledEntry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class PollScheduler {
  private readonly heap: ScheduledEntry[] = [];
  private seq = 0;
  private timer: unknown;
  /** When the one timer is armed for; Infinity when none is. */
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(private readonly clock: SchedulerClock = globalClock) {}

  /** The scheduler's clock (ms, monotonic). */
  now(): number {
    return this.clock.now();
  }

  /** Entries waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` once at `at` (scheduler clock). */
  schedule(at: number, run: () => void): ScheduledEntry {
    return this.add({ at, seq: 0, index: -1, run }, at);
  }

  /** Schedules `entry` to run at `at`; an entry already waiting is moved. */
  add<T extends ScheduledEntry>(entry: T, at: number): T {
    this.remove(entry);
    entry.at = at;
    entry.seq = this.seq++;
    entry.index = this.heap.length;
    this.heap.push(entry);
    this.siftUp(entry.index);
    this.arm();
    return entry;
  }

  /** Removes an entry that has not run yet; a no-op otherwise. */
  cancel(entry: ScheduledEntry): void {
    if (this.remove(entry)) this.arm();
  }

  /** The timer callback: runs every due entry, then re-arms for the next. */
  private readonly fire = () => {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now() + dueSlackMs;
    for (let next = this.heap[0]; next && next.at <= now; next = this.heap[0]) {
      this.remove(next);
      try {
        next.run();
      } catch (error) {
        // One failing callback must not stall every other watch: report it, keep going.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    this.arm();
  };

  /** Keeps the invariant: one timer, armed for the earliest entry; none when the heap is empty (so an
   * idle client never keeps a process alive). */
  private arm(): void {
    const first = this.heap[0];
    const at = first ? first.at : Number.POSITIVE_INFINITY;
    if (at === this.timerAt) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (!first) return;
    const delay = Math.min(maxTimerMs, Math.max(0, Math.ceil(at - this.clock.now())));
    this.timer = this.clock.setTimer(this.fire, delay);
  }

  private remove(entry: ScheduledEntry): boolean {
    const { index } = entry;
    if (index < 0 || this.heap[index] !== entry) return false;
    entry.index = -1;
    const last = this.heap.pop()!;
    if (last !== entry) {
      this.heap[index] = last;
      last.index = index;
      this.siftUp(index);
      this.siftDown(last.index);
    }
    return true;
  }

  private siftUp(index: number): void {
    const { heap } = this;
    const entry = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = entry;
    entry.index = index;
  }

  private siftDown(index: number): void {
    const { heap } = this;
    const entry = heap[index]!;
    const half = heap.length >> 1;
    while (index < half) {
      let childIndex = 2 * index + 1;
      let child = heap[childIndex]!;
      const right = heap[childIndex + 1];
      if (right && before(right, child)) {
        childIndex++;
        child = right;
      }
      if (!before(child, entry)) break;
      heap[index] = child;
      child.index = index;
      index = childIndex;
    }
    heap[index] = entry;
    entry.index = index;
  }
}
