// The kinds of evidence jvmdoctor understands. Each text kind has a parser in src/parsers/<kind>/
// registered in src/evidence/parser-registry.ts; 'hprof' is binary and goes through src/hprof/ instead.

export const TEXT_KINDS = [
  'log', // container / catalina / application logs, saved HTTP error bodies, stack traces
  'free', // `free` (-h/-m/-k/-b; old and new procps)
  'top', // `top -b` (process view) and `top -H -p PID` (thread view)
  'proc-status', // /proc/PID/status
  'jstat', // jstat -gc / -gccapacity / -gcutil (…)
  'java-version', // `java -version`
  'jps', // `jps` / `jps -lv`
  'jvm-options', // catalina.sh / setenv.sh / JAVA_OPTS / a java command line
  'docker-inspect', // `docker inspect` JSON
  'thread-dump', // jstack / jcmd Thread.print / kill -3 / Thread.dump_to_file text
  'cgroup', // cgroup v1/v2 memory files: memory.max, memory.limit_in_bytes, memory.current, memory.stat, memory.events …
  'meminfo', // /proc/meminfo
  'smaps-rollup', // /proc/PID/smaps_rollup
  'native-memory', // jcmd PID VM.native_memory summary (Native Memory Tracking)
  'kubernetes', // Kubernetes Pod/Deployment/… YAML (resources.limits, env), kubectl describe / get pods
  'class-histogram', // jmap -histo[:live] / jcmd GC.class_histogram text
  'gc-log', // GC logs: JDK 9+ unified logging (-Xlog:gc*) and JDK 5–8 -XX:+PrintGCDetails / -verbose:gc
] as const;

export type TextKind = (typeof TEXT_KINDS)[number];
export type EvidenceKind = TextKind | 'hprof';
