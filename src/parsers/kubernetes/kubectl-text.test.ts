// kubectl's text outputs as people paste them (fixtures/wild/, real issues): describe pod (1.0-era tabs
// and current spaces), get pods tables, a JSON status fragment, go-template maps.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kubernetesParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { repoRoot } from '../../util/repo-root.js';
import { looksLikeTranscript } from '../../evidence/transcript.js';

function read(name: string): string {
  const dir = join(repoRoot(), 'fixtures', 'wild', name);
  return readFileSync(join(dir, readdirSync(dir).find((f) => f !== 'SOURCE.md' && f !== 'expected.json')!), 'utf8');
}

function containers(name: string) {
  const text = read(name);
  assert.ok(kubernetesParser.sniff('kubectl.txt', text) >= 0.8, `${name} sniffed`);
  return parseEveryWay(kubernetesParser, text)!.containers.map((c) => ({
    workload: c.workload,
    name: c.name,
    limit: c.memoryLimitBytes?.value,
    restarts: c.restartCount?.value,
    reason: c.lastTerminationReason?.value,
    exit: c.lastExitCode?.value,
  }));
}

test('kubectl describe pod: 1.0-era tab layout (limits, restarts) and a Last State excerpt', () => {
  assert.deepEqual(containers('kubectl-describe-2015-tabs-restarts'), [
    { workload: 'Pod/simmemleak-hra99', name: 'simmemleak', limit: 50 * 1024 * 1024, restarts: 5, reason: undefined, exit: undefined },
  ]);
  assert.deepEqual(containers('kubectl-describe-137-error-not-oom'), [
    { workload: 'Pod', name: undefined, limit: undefined, restarts: 1, reason: 'Error', exit: 137 },
  ]);
});

test('kubectl get pods: STATUS OOMKilled and RESTARTS with "(57s ago)"; a row without header', () => {
  assert.deepEqual(containers('kubectl-get-pods-oomkilled-hmcts'), [
    { workload: 'Pod/tax-tribunals-application-base-74464f6b98-2kj6g', name: undefined, limit: undefined, restarts: 4, reason: 'OOMKilled', exit: undefined },
  ]);
  assert.deepEqual(containers('kubectl-get-pods-oomkilled-kafka-connect').map((c) => [c.restarts, c.reason]), [[3, 'OOMKilled']]);
});

test('a pasted -o json lastState fragment and a go-template LastState map', () => {
  assert.deepEqual(containers('kubectl-json-laststate-137-error-systemoom').map((c) => [c.reason, c.exit]), [['Error', 137]]);
  const text = read('kubectl-gotemplate-laststate-oom-plus-memcg');
  assert.ok(looksLikeTranscript(text), 'kernel lines, then one kubectl prompt: split as a transcript');
  const tail = text.split('\n').slice(3).join('\n');
  assert.deepEqual(parseEveryWay(kubernetesParser, tail)!.containers.map((c) => [c.lastTerminationReason?.value, c.lastExitCode?.value]), [['OOMKilled', 137]]);
});
