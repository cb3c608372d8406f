// What a thread dump says: jstack, `jcmd <pid> Thread.print`, `kill -3` (SIGQUIT) output, and the
// plain-text `jcmd <pid> Thread.dump_to_file` format of JDK 21+. One file may hold several dumps
// (a catalina.out after repeated kill -3, or dumps taken a minute apart and concatenated).

/** java.lang.Thread.State, as printed on the "java.lang.Thread.State:" line. */
export type ThreadState = 'NEW' | 'RUNNABLE' | 'BLOCKED' | 'WAITING' | 'TIMED_WAITING' | 'TERMINATED';

/** How a thread relates to a monitor or j.u.c. lock, from the "- …" lines under its frames. */
export type LockRelation =
  | 'locked' // - locked <0x…> (a X): a monitor this thread holds
  | 'ownable' // under "Locked ownable synchronizers:": a ReentrantLock/RWLock sync this thread holds
  | 'waiting-on' // - waiting on <0x…>: Object.wait() on it (released while waiting)
  | 'waiting-to-lock' // - waiting to lock <0x…>: BLOCKED entering a synchronized block
  | 'parking' // - parking to wait for <0x…>: LockSupport.park on a j.u.c. lock or condition
  | 'waiting-to-relock' // - waiting to re-lock in wait() <0x…>
  | 'eliminated'; // - eliminated <owner is scalar replaced> (JIT lock elision)

export interface ThreadLock {
  relation: LockRelation;
  /** "0x000000069ee142f0"; absent for "<no object reference available>" and eliminated locks. */
  address?: string;
  /** "java.lang.Object", "java.util.concurrent.locks.ReentrantLock$NonfairSync". */
  className?: string;
  line: number;
}

export interface JavaThread {
  name: string;
  /** The Java thread id ("#12"); absent for VM-internal threads (GC, VM Thread) and before JDK 8. */
  id?: number;
  /** The OS thread id in brackets ("[5379]", JDK 19+), when printed. */
  osThreadId?: number;
  daemon: boolean;
  /** A virtual thread (JDK 21+): it has no OS thread and no native stack of its own. */
  virtual: boolean;
  /** A JVM-internal thread (GC workers, compiler, "VM Thread"): no Java id and no Thread.State line. */
  internal: boolean;
  state?: ThreadState;
  /** The parenthesised detail of the state: "parking", "on object monitor", "sleeping". */
  stateDetail?: string;
  /** What the VM says the OS thread is doing: "waiting on condition", "runnable", "in Object.wait()". */
  osState?: string;
  priority?: number;
  osPriority?: number;
  cpuMs?: number;
  elapsedSeconds?: number;
  /** Native JavaThread address ("tid=0x…"): stable for the life of the thread, so it also ties dumps of one JVM together. */
  tid?: string;
  /** Native thread id as printed ("0x3964" before JDK 19, decimal after). */
  nid?: string;
  /** Frames as printed without "at " ("java.lang.Thread.run(java.base@17.0.15/Thread.java:840)"), innermost first. */
  frames: string[];
  /** Monitors locked and ownable synchronizers held. */
  locksHeld: ThreadLock[];
  /** What it waits for: waiting on / to lock / parking / re-lock. */
  locksWaited: ThreadLock[];
  /** The thread's pool: its name with the per-thread counter removed (see poolOf). */
  pool: string;
  /** "Carrying virtual thread #21" on a carrier (ForkJoinPool worker) thread. */
  carryingVirtualId?: number;
  line: number;
  /** The header line, verbatim. */
  text: string;
}

export interface DeadlockParticipant {
  thread: string;
  /** What it waits for: a monitor (synchronized) or an ownable synchronizer (ReentrantLock, …). */
  waitingFor: 'monitor' | 'ownable-synchronizer';
  /** The object's address ("0x000000069ee142f0") and class. */
  address?: string;
  className?: string;
  /** The thread that holds it, when the JVM could name it. */
  heldBy?: string;
  line: number;
  text: string;
}

/** One "Found one Java-level deadlock:" cycle. */
export interface Deadlock {
  participants: DeadlockParticipant[];
  line: number;
  text: string;
}

/** Threads sharing a pool name ("http-nio-8080-exec-" for http-nio-8080-exec-1…200). */
export interface ThreadPoolGroup {
  pool: string;
  /** The pool name with its pool number(s) replaced by "#": "pool-#-thread-" for pool-1-thread-, pool-2-thread-… */
  family: string;
  count: number;
  daemon: number;
  /** Threads parked or waiting (WAITING/TIMED_WAITING): idle pool workers. */
  idle: number;
  states: Partial<Record<ThreadState | 'unknown', number>>;
  /** Indexes into ThreadDump.threads. */
  threads: number[];
}

/** Threads with exactly the same frames (empty stacks are not grouped). */
export interface StackGroup {
  frames: string[];
  count: number;
  /** The most common state among them. */
  state?: ThreadState;
  /** Indexes into ThreadDump.threads. */
  threads: number[];
}

export interface ThreadDumpCounts {
  /** Every thread listed, platform, virtual and JVM-internal. */
  total: number;
  /** Threads that own an OS thread and a native stack: everything but virtual threads. */
  platform: number;
  daemon: number;
  virtual: number;
  internal: number;
  byState: Partial<Record<ThreadState | 'unknown', number>>;
}

export interface ThreadDump {
  format: 'hotspot' | 'thread-dump-to-file';
  /** The "Full thread dump …" line (or the first thread line of a dump whose header was cut). */
  line: number;
  text: string;
  endLine: number;
  /** The timestamp printed before the header ("2026-11-24 21:39:20", the JVM's local time). */
  time?: string;
  /** The same instant in ms since the epoch, reading the local time as UTC (only differences matter). */
  epochMs?: number;
  /** From jcmd's "<pid>:" line or Thread.dump_to_file's first line. */
  pid?: number;
  /** "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing)". */
  vm?: string;
  /** "17.0.15+6-Debian-1deb12u1", "1.6.0_03-b05", "25.91-b14" (HotSpot's own version on JDK 7–8). */
  vmVersion?: string;
  /** Java feature release (5 … 25) when the version says it unambiguously. */
  javaFeature?: number;
  threads: JavaThread[];
  /** "Threads class SMR info: _java_thread_list=…, length=N": the JVM's own count of Java threads. */
  smrThreadCount?: number;
  jniGlobalRefs?: number;
  jniWeakRefs?: number;
  deadlocks: Deadlock[];
  counts: ThreadDumpCounts;
  /** Largest first. */
  pools: ThreadPoolGroup[];
  /** Largest first; only stacks shared by 2+ threads. */
  stacks: StackGroup[];
}

export interface ThreadDumpReport {
  /** In file order. */
  dumps: ThreadDump[];
  notes: string[];
}
