// Reference: Docker Engine API, ContainerInspect (GET /containers/{id}/json): the ContainerState
// (Status, Pid, OOMKilled, ExitCode), HostConfig (Memory, MemoryReservation, MemorySwap — -1 means
// unlimited swap —, NanoCpus, CpuQuota/CpuPeriod, OomKillDisable), MountPoint (Type, Source,
// Destination) and ContainerConfig (Env, Image) schemas (docs.docker.com/reference/api/engine/).
// `docker inspect` prints a JSON array of those objects (`--format '{{json .}}'` prints one object).
// Bad or partial JSON never throws: the report says what was wrong, and a grep excerpt
// (`docker inspect ID | grep Mount -A 30`) still yields the fields it shows.

import type { LineParser, TextParserSpec } from '../parser.js';
import type { DockerContainer, DockerInspectReport } from './types.js';
import { JsonStream } from './json-stream.js';

/** Beyond this, the text is not one `docker inspect` (a few KB per container): stop building it. */
const MAX_CHARS = 32 * 1024 * 1024;
const FIELD_LINE = /^\s*"(Id|Name|Image|Status|Pid|OOMKilled|ExitCode|Memory|MemoryReservation|MemorySwap|NanoCpus|CpuQuota|CpuPeriod|RestartCount|Type|Source|Destination)"\s*:\s*(.*?)\s*,?\s*$/;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function container(c: Json, index: number, lines: Map<string, number>): DockerContainer {
  const state = obj(c.State) ?? {};
  const host = obj(c.HostConfig) ?? {};
  const config = obj(c.Config) ?? {};
  const at = (path: string) => lines.get(`${index}.${path}`) ?? lines.get(path);
  const out: DockerContainer = { id: str(c.Id) ?? '', env: [], mounts: [], lines: {} };
  const set = <K extends keyof DockerContainer>(field: K, value: DockerContainer[K] | undefined, path: string) => {
    if (value === undefined) return;
    out[field] = value;
    const line = at(path);
    if (line !== undefined) out.lines[field] = line;
  };
  set('id', str(c.Id) ?? '', 'Id');
  // The API reports names with a leading "/" (the legacy link namespace); people call it without.
  set('name', str(c.Name)?.replace(/^\//, ''), 'Name');
  if (str(config.Image)) set('image', str(config.Image), 'Config.Image');
  else set('image', str(c.Image), 'Image');
  set('pid', num(state.Pid), 'State.Pid');
  set('status', str(state.Status), 'State.Status');
  set('oomKilled', bool(state.OOMKilled), 'State.OOMKilled');
  set('exitCode', num(state.ExitCode), 'State.ExitCode');
  set('startedAt', str(state.StartedAt), 'State.StartedAt');
  set('finishedAt', str(state.FinishedAt), 'State.FinishedAt');
  set('restartCount', num(c.RestartCount), 'RestartCount');
  set('memoryLimitBytes', num(host.Memory), 'HostConfig.Memory');
  set('memoryReservationBytes', num(host.MemoryReservation), 'HostConfig.MemoryReservation');
  set('memorySwapBytes', num(host.MemorySwap), 'HostConfig.MemorySwap');
  set('nanoCpus', num(host.NanoCpus), 'HostConfig.NanoCpus');
  set('cpuQuota', num(host.CpuQuota), 'HostConfig.CpuQuota');
  set('cpuPeriod', num(host.CpuPeriod), 'HostConfig.CpuPeriod');
  set('oomKillDisable', bool(host.OomKillDisable), 'HostConfig.OomKillDisable');
  const env = Array.isArray(config.Env) ? config.Env.filter((e): e is string => typeof e === 'string') : [];
  set('env', env, 'Config.Env');
  const mounts = (Array.isArray(c.Mounts) ? c.Mounts : []).map(obj).filter((m): m is Json => m !== undefined);
  set('mounts', mounts.map((m) => {
    const mount: DockerContainer['mounts'][number] = { source: str(m.Source) ?? '', destination: str(m.Destination) ?? '' };
    if (str(m.Type)) mount.type = str(m.Type);
    return mount;
  }), 'Mounts');
  return out;
}

/** A container object has an Id or the State/HostConfig/Config sections. */
function looksLikeContainer(v: Json): boolean {
  return 'Id' in v || 'State' in v || 'HostConfig' in v;
}

interface LooseField { key: string; value: string; line: number }

/** What a grep excerpt or broken JSON still shows, read line by line. */
function looseContainer(fields: LooseField[]): DockerContainer | undefined {
  if (fields.length === 0) return undefined;
  const out: DockerContainer = { id: '', env: [], mounts: [], lines: {} };
  const unjson = (v: string): unknown => {
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  };
  const map: Record<string, keyof DockerContainer> = {
    Id: 'id', Pid: 'pid', OOMKilled: 'oomKilled', ExitCode: 'exitCode', Memory: 'memoryLimitBytes', MemoryReservation: 'memoryReservationBytes',
    MemorySwap: 'memorySwapBytes', NanoCpus: 'nanoCpus', CpuQuota: 'cpuQuota', CpuPeriod: 'cpuPeriod', RestartCount: 'restartCount', Status: 'status',
  };
  let mount: { source: string; destination: string; type?: string } | undefined;
  for (const f of fields) {
    const v = unjson(f.value);
    if (f.key === 'Source' || f.key === 'Destination' || f.key === 'Type') {
      if (typeof v !== 'string') continue;
      // A mount's keys come Type, Source, Destination; a new Type or a repeated key starts the next mount.
      if (!mount || f.key === 'Type' || (f.key === 'Source' && mount.source) || (f.key === 'Destination' && mount.destination)) {
        mount = { source: '', destination: '' };
        out.mounts.push(mount);
        out.lines.mounts ??= f.line;
      }
      if (f.key === 'Type') mount.type = v;
      else if (f.key === 'Source') mount.source = v;
      else mount.destination = v;
      continue;
    }
    if (f.key === 'Name' && typeof v === 'string' && out.name === undefined) {
      out.name = v.replace(/^\//, '');
      out.lines.name = f.line;
      continue;
    }
    if (f.key === 'Image' && typeof v === 'string') {
      // Config.Image (a readable name) beats the top-level sha256 Image.
      if (out.image === undefined || out.image.startsWith('sha256:')) {
        out.image = v;
        out.lines.image = f.line;
      }
      continue;
    }
    const field = map[f.key];
    if (!field || v === undefined || (out as unknown as Record<string, unknown>)[field] !== undefined && field !== 'id') continue;
    if (field === 'id' && out.id !== '') continue;
    (out as unknown as Record<string, unknown>)[field] = v;
    out.lines[field] = f.line;
  }
  return out;
}

export const dockerInspectParser: TextParserSpec<DockerInspectReport> = {
  sniff(name, head) {
    const byName = /inspect/i.test(name) ? 0.4 : 0;
    const firstLine = head.replace(/^\ufeff/, '').split(/\r?\n/, 50).find((l) => l.trim() !== '' && !/^\s*[$#]|docker\s/.test(l)) ?? '';
    const start = /^\s*[[{]/.test(firstLine);
    const keys = ['"Id"', '"State"', '"HostConfig"', '"Mounts"', '"Config"', '"NetworkSettings"', '"GraphDriver"'].filter((k) => head.includes(k)).length;
    if (start && keys >= 3) return 0.95;
    if (start && keys >= 1 && /"(Pid|OOMKilled|Memory|Destination)"\s*:/.test(head)) return 0.7;
    // A grep excerpt of it: a few `"Key": value` lines with docker's keys.
    if (/docker\s+(container\s+)?inspect/.test(head) && /"(Destination|Memory|OOMKilled|Pid)"\s*:/.test(head)) return 0.8;
    return byName;
  },
  create(): LineParser<DockerInspectReport> {
    const json = new JsonStream();
    const loose: LooseField[] = [];
    let chars = 0;
    let tooLarge = false;
    return {
      line(text, line) {
        const f = FIELD_LINE.exec(text);
        if (f) loose.push({ key: f[1], value: f[2], line });
        if (tooLarge) return;
        chars += text.length + 1;
        if (chars > MAX_CHARS) {
          tooLarge = true;
          return;
        }
        // Skip a pasted prompt or other text before the JSON starts.
        if (!json.started && !/^\s*(\ufeff)?[[{]/.test(text)) return;
        json.line(text, line);
      },
      finish() {
        const r = json.finish();
        const root = r.value;
        const items = Array.isArray(root) ? root : root !== undefined ? [root] : [];
        const objects = items.map(obj);
        let problem: string | undefined;
        if (tooLarge) problem = `more than ${MAX_CHARS / 1024 / 1024} MB of text: not a docker inspect output`;
        else if (r.error) problem = r.error;
        else if (r.truncated) problem = root === undefined && !json.started ? 'no JSON found' : 'the JSON ends before it is complete (truncated)';
        else if (objects.some((o) => o === undefined || !looksLikeContainer(o))) problem = 'the JSON is not a list of containers (no Id, State or HostConfig)';
        if (!problem) return { containers: objects.map((o, i) => container(o!, Array.isArray(root) ? i : -1, r.lines)) };
        const partial = looseContainer(loose);
        const report: DockerInspectReport = { containers: partial ? [partial] : [], problem };
        if (partial) report.problem = `${problem}; read ${Object.keys(partial.lines).length} field(s) line by line`;
        return report;
      },
    };
  },
};
