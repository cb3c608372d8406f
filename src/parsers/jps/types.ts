/** `jps` / `jps -l` / `jps -v` / `jps -lvm` output. */
export interface JpsProcess {
  pid: number;
  /** "Bootstrap", "org.apache.catalina.startup.Bootstrap", a jar path, or "" when unknown. */
  mainClass: string;
  /** Everything after the main class (program args with -m, JVM args with -v). */
  args: string;
  line: number;
  text: string;
}

export interface JpsReport {
  processes: JpsProcess[];
}
