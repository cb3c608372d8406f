// Reference: the Kubernetes API (core/v1 PodSpec, Container: name, image, env[].name/value/valueFrom,
// resources.limits/requests; ContainerStatus: restartCount, lastState.terminated.reason/exitCode — the
// kubelet reports "OOMKilled" when the container's cgroup OOM killer fired) and
// apimachinery's resource.Quantity (see quantity.ts). Workloads (Deployment, StatefulSet, DaemonSet,
// ReplicaSet, Job) nest the PodSpec under spec.template.spec, CronJob under spec.jobTemplate.spec.template.spec;
// `kubectl get … -o yaml` of several objects is a List with items[]. Read with yaml-lines.ts.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { KubernetesContainer, KubernetesReport } from './types.js';
import { YamlLineReader, type YamlScalar } from './yaml-lines.js';
import { parseQuantity } from './quantity.js';
import { KubectlTextReader, looksLikeKubectlText } from './kubectl-text.js';

const WORKLOAD = /^(Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob|List|PodTemplate)$/;

export const kubernetesParser: TextParserSpec<KubernetesReport | undefined> = {
  sniff(name, head) {
    const byName = /\.(ya?ml)$/i.test(name) ? 0.2 : 0;
    const kind = /^kind:\s*["']?(\w+)/m.exec(head);
    const api = /^apiVersion:\s*\S+/m.test(head);
    if (api && kind && WORKLOAD.test(kind[1])) return 0.95;
    // kubectl describe / get pods tables / a pasted status fragment (kubectl-text.ts).
    const text = looksLikeKubectlText(head);
    if (text > 0) return text;
    // An excerpt without apiVersion/kind: containers with resources or env. It outranks jvm-options'
    // reading of the same env (0.9), since this parser keeps the env options and the limits too.
    if (/^\s*(-\s+)?containers:\s*$/m.test(head) && /^\s+(-\s+)?(image|resources|env):/m.test(head)) return /^\s+(-\s+)?(resources|env):/m.test(head) ? 0.92 : 0.8;
    // An excerpt from inside a container spec: env entries and resources.limits.memory.
    if (/^\s+env:\s*$/m.test(head) && /^\s+resources:\s*$/m.test(head) && /^\s+limits:\s*$/m.test(head) && /^\s+memory:\s*\S/m.test(head)) return 0.92;
    return byName;
  },
  create(): LineParser<KubernetesReport | undefined> {
    const report: KubernetesReport = { objects: [], containers: [] };
    const byKey = new Map<string, KubernetesContainer>();
    const statusByName = new Map<string, YamlScalar[]>();
    const kinds = new Map<string, { kind?: string; name?: string; line: number }>();
    const kubectl = new KubectlTextReader();
    let sawContainers = false;

    const objectKey = (s: YamlScalar) => {
      // A List's items are objects of their own.
      const i = s.path[0] === 'items' && typeof s.path[1] === 'number' ? 2 : 0;
      return { key: `${s.doc}/${s.path.slice(0, i).join('/')}`, rest: s.path.slice(i) };
    };
    const container = (key: string, workload: string): KubernetesContainer => {
      let c = byKey.get(key);
      if (!c) {
        c = { workload, env: [], problems: [] };
        byKey.set(key, c);
        report.containers.push(c);
      }
      return c;
    };

    const reader = new YamlLineReader((s) => {
      const { key: obj, rest } = objectKey(s);
      const o = kinds.get(obj) ?? { line: s.line };
      kinds.set(obj, o);
      if (rest.length === 1 && rest[0] === 'kind') o.kind = s.value;
      if (rest.length === 2 && rest[0] === 'metadata' && rest[1] === 'name') o.name = s.value;
      const workload = () => `${o.kind ?? 'object'}${o.name ? `/${o.name}` : ''}`;

      const ci = rest.findIndex((p) => p === 'containers' || p === 'initContainers');
      // A pasted excerpt of one container spec (it starts below "containers:"): env and resources at its top.
      const excerpt = ci < 0 && !sawContainers && (rest[0] === 'env' || rest[0] === 'resources');
      if ((ci >= 0 && typeof rest[ci + 1] === 'number' && rest[0] !== 'status') || excerpt) {
        if (ci >= 0) sawContainers = true;
        const c = excerpt ? container(`${obj}/excerpt`, 'container spec excerpt') : container(`${obj}/${rest.slice(0, ci + 2).join('/')}`, workload());
        const field = excerpt ? rest : rest.slice(ci + 2);
        const src = <T>(value: T) => ({ value, line: s.line, text: s.text });
        const f = field.join('.');
        if (f === 'name') c.name = s.value;
        else if (f === 'image') c.image = s.value;
        else if (f === 'resources.limits.memory' || f === 'resources.requests.memory') {
          const bytes = parseQuantity(s.value);
          if (bytes === undefined) c.problems.push(src(`${f} "${s.value}" is not a Kubernetes quantity (e.g. 2Gi, 512Mi)`));
          else {
            if (/^\d+(\.\d+)?m$/.test(s.value.trim())) c.problems.push(src(`${f}: "${s.value}" means ${bytes} bytes — the "m" suffix is milli; write ${s.value.trim().slice(0, -1)}Mi for mebibytes`));
            if (f.includes('limits')) c.memoryLimitBytes = src(bytes);
            else c.memoryRequestBytes = src(bytes);
          }
        } else if (f === 'resources.limits.cpu') {
          const cores = parseQuantity(s.value);
          if (cores !== undefined) c.cpuLimit = src(cores);
        } else if (field[0] === 'env' && typeof field[1] === 'number') {
          while (c.env.length <= field[1]) c.env.push({ name: '', line: s.line, text: s.text });
          const e = c.env[field[1]];
          if (field[2] === 'name') Object.assign(e, { name: s.value, line: s.line, text: s.text });
          else if (field[2] === 'value') {
            e.value = s.value;
            e.line = s.line;
            e.text = s.text;
          }
        }
        return;
      }
      // status.containerStatuses[i]: tie to the container by name once everything is read.
      if (rest[0] === 'status' && (rest[1] === 'containerStatuses' || rest[1] === 'initContainerStatuses') && typeof rest[2] === 'number') {
        const k = `${obj}/${rest.slice(0, 3).join('/')}`;
        const list = statusByName.get(k) ?? [];
        list.push({ ...s, path: rest.slice(3) });
        statusByName.set(k, list);
      }
    });

    return {
      line(text, line) {
        reader.line(text, line);
        kubectl.line(text, line);
      },
      finish() {
        reader.finish();
        for (const [key, o] of kinds) {
          if (o.kind) report.objects.push({ kind: o.kind, name: o.name, line: o.line });
          void key;
        }
        for (const [k, scalars] of statusByName) {
          const obj = k.slice(0, k.indexOf('/status/'));
          const name = scalars.find((s) => s.path.join('.') === 'name')?.value;
          const c = report.containers.find((x) => x.name === name && [...byKey.entries()].some(([bk, v]) => v === x && bk.startsWith(`${obj}/`)));
          if (!c) continue;
          for (const s of scalars) {
            const f = s.path.join('.');
            if (f === 'restartCount') c.restartCount = { value: Number(s.value), line: s.line, text: s.text };
            if (f === 'lastState.terminated.reason') c.lastTerminationReason = { value: s.value, line: s.line, text: s.text };
            if (f === 'lastState.terminated.exitCode') c.lastExitCode = { value: Number(s.value), line: s.line, text: s.text };
          }
        }
        for (const c of report.containers) c.env = c.env.filter((e) => e.name !== '');
        // Not YAML: what kubectl printed as text (describe, get pods, a JSON or go-template fragment).
        if (report.containers.length === 0) {
          const useful = kubectl.containers.filter((c) => c.memoryLimitBytes || c.restartCount || c.lastTerminationReason || c.lastExitCode);
          if (useful.length > 0) {
            report.containers.push(...useful);
            report.objects.push({ kind: 'Pod', name: useful[0].workload.replace(/^Pod\/?/, '') || undefined, line: useful[0].restartCount?.line ?? useful[0].lastTerminationReason?.line ?? 1 });
          }
        }
        return report.containers.length > 0 ? report : undefined;
      },
    };
  },
};

/** The options variables the JVM itself reads, with where the value came from. */
export const JVM_ENV_VARIABLES = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS'] as const;
