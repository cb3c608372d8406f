import type { Sourced } from '../parser.js';

/** `java -version` output. */
export interface JavaVersionReport {
  /** The quoted version string: "1.8.0_202", "17.0.15", "21". */
  version: Sourced<string>;
  /** Feature release: 8 for "1.8.0_202", 17 for "17.0.15". */
  feature: number;
  /** Update number: 202 for 1.8.0_202, 15 for 17.0.15. */
  update?: number;
  /** "java" (Oracle) or "openjdk". */
  flavor: string;
  runtime?: Sourced<string>;
  vm?: Sourced<string>;
  /** true for "64-Bit" VMs. */
  is64Bit?: boolean;
}
