// What kubectl prints about a pod when it is not YAML: `kubectl describe pod` (tab- or space-aligned,
// 1.0-era "Restart Count:\t5" to current "Last State:     Terminated / Reason: OOMKilled / Exit Code:
// 137"), `kubectl get pods` tables (STATUS OOMKilled, RESTARTS "4 (57s ago)"), a pasted fragment of
// `kubectl get pod -o json` ("lastState": {"terminated": {"exitCode": 137, "reason": "Error"}}) and
// `-o go-template` maps (LastState: map[terminated:map[exitCode:137 reason:OOM Killed …]]).
//
// Reference: kubernetes/kubectl pkg/describe/describe.go (describeContainerState, "Restart Count",
// "Limits:"/"Requests:"), pkg/printers/internalversion/printers.go (pod table columns; RESTARTS with
// "(<age> ago)" since 1.22), core/v1 ContainerStatus JSON field names.

import type { KubernetesContainer } from './types.js';
import { parseQuantity } from './quantity.js';

type Src<T> = { value: T; line: number; text: string };

const DESCRIBE_NAME = /^Name:\s+(\S+)\s*$/;
const DESCRIBE_CONTAINER = /^ {2}([a-z0-9][a-z0-9.-]*):\s*$/;
const STATE = /^\s+(State|Last State|Last Termination State):\s*(\w*)/;
const REASON = /^\s+Reason:\s*(\S.*?)\s*$/;
const EXIT_CODE = /^\s+Exit Code:\s*(-?\d+)/;
const RESTARTS = /^\s+Restart Count:\s*(\d+)/;
const SECTION = /^\s+(Limits|Requests):\s*$/;
const MEMORY = /^\s+memory:\s*(\S+)/;
const TABLE_HEADER = /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\b/;
const TABLE_ROW = /^(\S+)\s+(\d+\/\d+)\s+(\S+)\s+(\d+)(?:\s+\([^)]*\))?\s+\S+/;
const JSON_FIELD = /^\s*"(lastState|state|terminated|exitCode|reason|restartCount|name)"\s*:\s*(?:\{|"([^"]*)"|(-?\d+))?,?\s*$/;
const GO_TEMPLATE = /LastState: map\[terminated:map\[(.*)\]\]/;

export function looksLikeKubectlText(head: string): number {
  if (TABLE_HEADER.test(head.split('\n').find((l) => /^NAME\s/.test(l)) ?? '') && /\b(OOMKilled|CrashLoopBackOff|Error|Running)\b/.test(head)) return 0.9;
  if (/^\s+(?:Last State|Last Termination State):\s*Terminated/m.test(head) || /^\s+Restart Count:\s*\d+/m.test(head)) return 0.9;
  if (/^\s*"lastState"\s*:\s*\{/m.test(head) && /"exitCode"\s*:\s*\d+/.test(head)) return 0.85;
  if (GO_TEMPLATE.test(head)) return 0.85;
  // A bare pod row (no header) saying OOMKilled.
  if (/^\S+\s+\d+\/\d+\s+OOMKilled\s+\d+/m.test(head)) return 0.8;
  return 0;
}

/** Reads the text forms line by line into containers (one per pod/container seen). */
export class KubectlTextReader {
  readonly containers: KubernetesContainer[] = [];
  private pod: string | undefined;
  private current: KubernetesContainer | undefined;
  /** Inside "Last State:" (its Reason / Exit Code are the last termination's). */
  private inLast = false;
  private section: 'Limits' | 'Requests' | undefined;
  private table = false;
  private json: { inTerminated: boolean; lastState: boolean } = { inTerminated: false, lastState: false };

  private container(name?: string): KubernetesContainer {
    if (!this.current || (name && this.current.name && this.current.name !== name)) {
      this.current = { workload: `Pod${this.pod ? `/${this.pod}` : ''}`, env: [], problems: [] };
      if (name) this.current.name = name;
      this.containers.push(this.current);
    } else if (name && !this.current.name) this.current.name = name;
    return this.current;
  }

  line(raw: string, line: number): void {
    const text = raw.replace(/\r$/, '');
    const src = <T>(value: T): Src<T> => ({ value, line, text });
    let m: RegExpExecArray | null;
    if ((m = DESCRIBE_NAME.exec(text))) {
      this.pod = m[1];
      this.current = undefined;
      return;
    }
    if (TABLE_HEADER.test(text)) {
      this.table = true;
      return;
    }
    if ((this.table || /\bOOMKilled\b/.test(text)) && (m = TABLE_ROW.exec(text))) {
      this.pod = m[1];
      this.current = undefined;
      const c = this.container();
      c.restartCount = src(Number(m[4]));
      if (m[3] === 'OOMKilled') c.lastTerminationReason = src('OOMKilled');
      return;
    }
    if ((m = GO_TEMPLATE.exec(text))) {
      const c = this.container();
      const exit = /exitCode:(\d+)/.exec(m[1]);
      const reason = /reason:(.*?)(?: \w+:|$)/.exec(m[1]);
      if (exit) c.lastExitCode = src(Number(exit[1]));
      // Old kubelets wrote "OOM Killed".
      if (reason) c.lastTerminationReason = src(reason[1].trim() === 'OOM Killed' ? 'OOMKilled' : reason[1].trim());
      return;
    }
    if ((m = JSON_FIELD.exec(text))) {
      const key = m[1];
      const value = m[2] ?? m[3] ?? '';
      if (key === 'lastState') this.json.lastState = true;
      else if (key === 'state') this.json.lastState = false;
      else if (key === 'terminated') this.json.inTerminated = true;
      else if (key === 'name' && value) this.container(value.trim());
      else if (key === 'restartCount') this.container().restartCount = src(Number(value));
      else if (this.json.inTerminated && this.json.lastState) {
        const c = this.container();
        if (key === 'exitCode') c.lastExitCode = src(Number(value));
        if (key === 'reason') c.lastTerminationReason = src(value.trim());
      }
      return;
    }
    if ((m = DESCRIBE_CONTAINER.exec(text)) && !/^ {2}(Type|Ready|Initialized|PodScheduled|ContainersReady)\b/.test(text)) {
      this.current = undefined;
      this.container(m[1]);
      this.inLast = false;
      this.section = undefined;
      return;
    }
    if ((m = STATE.exec(text))) {
      this.inLast = m[1] !== 'State';
      this.section = undefined;
      this.container();
      return;
    }
    if ((m = SECTION.exec(text))) {
      this.section = m[1] as 'Limits' | 'Requests';
      return;
    }
    if (this.section && (m = MEMORY.exec(text))) {
      const bytes = parseQuantity(m[1]);
      const c = this.container();
      if (bytes !== undefined) {
        if (this.section === 'Limits') c.memoryLimitBytes = src(bytes);
        else c.memoryRequestBytes = src(bytes);
      }
      return;
    }
    if (this.section && /^\s+(cpu|ephemeral-storage|[\w./-]+):/.test(text)) return;
    this.section = undefined;
    if ((m = RESTARTS.exec(text))) {
      this.container().restartCount = src(Number(m[1]));
      return;
    }
    if (this.inLast && (m = REASON.exec(text))) {
      this.container().lastTerminationReason = src(m[1]);
      return;
    }
    if (this.inLast && (m = EXIT_CODE.exec(text))) {
      this.container().lastExitCode = src(Number(m[1]));
      return;
    }
    if (/^\s+(Ready|Started|Finished|Image|Port|Host Port|Command|Args|Environment|Mounts|Liveness|Readiness|Container ID|Image ID|Signal|Message):/.test(text)) {
      if (/^\s+(Ready|Image|Port|Environment|Mounts|Liveness|Readiness)/.test(text)) this.inLast = false;
    }
  }
}
