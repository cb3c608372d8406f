// Class loaders in a heap dump, for `classLoaders` in the report and the heap-leaked-classloaders rule.
// A class loader that stays reachable keeps every class it defined (and their statics) alive, so a
// webapp's loader that Tomcat has stopped but something still references is a redeploy leak.
//
// Tomcat's loaders (org.apache.catalina.loader.WebappClassLoaderBase, subclassed by
// ParallelWebappClassLoader and WebappClassLoader) record their life cycle in the field
// `private volatile LifecycleState state` (Tomcat 8.5+; stop() sets STOPPED, destroy() DESTROYED,
// WebappClassLoaderBase.java), or in `protected boolean started` (Tomcat 7 and earlier). The state is
// an enum constant, named here through the static fields of org.apache.catalina.LifecycleState
// (its class dump lists NEW, STARTED, DESTROYED… with the constants' ids), so no string is read.

import type { HeapIndex } from '../hprof/heap-index.js';
import type { FieldRequest, FieldValues } from './field-values.js';

export const WEBAPP_LOADER_BASE = 'org/apache/catalina/loader/WebappClassLoaderBase';
const LIFECYCLE_STATE = 'org/apache/catalina/LifecycleState';
/** States of a loader that Tomcat has stopped (LifecycleState.java); FAILED is not set by the loader. */
const STOPPED_STATES = new Set(['STOPPING_PREP', 'STOPPING', 'STOPPED', 'DESTROYING', 'DESTROYED']);

export const WEBAPP_LOADER_FIELDS: FieldRequest[] = [
  { declaring: WEBAPP_LOADER_BASE, field: 'state' },
  { declaring: WEBAPP_LOADER_BASE, field: 'started' },
];

/** Per class index: 1 when the class is `base` or extends it. */
export function subclassesOf(index: HeapIndex, base: string): Uint8Array {
  const out = new Uint8Array(index.classes.length);
  for (let ci = 0; ci < index.classes.length; ci++) {
    for (let c = ci, guard = 0; c >= 0 && guard < 1000; c = index.classes[c].superIndex, guard++) {
      if (index.classes[c].jvmName === base) {
        out[ci] = 1;
        break;
      }
    }
  }
  return out;
}

/** Enum constant id → its name, from the static fields of LifecycleState. */
export function lifecycleStateNames(index: HeapIndex): Map<number, string> {
  const names = new Map<number, string>();
  for (const k of index.classes) {
    if (k.jvmName !== LIFECYCLE_STATE) continue;
    for (const f of k.staticFields) if (f.objectValue !== 0 && /^[A-Z_]+$/.test(f.name)) names.set(f.objectValue, f.name);
  }
  return names;
}

/** The loader's state ("DESTROYED", or "started"/"stopped" on old Tomcats) and whether Tomcat stopped it. */
export function webappLoaderState(values: FieldValues, ordinal: number, stateNames: Map<number, string>): { state?: string; stopped?: boolean } {
  const v = values.get(ordinal);
  if (!v) return {};
  const stateId = v.get('state');
  if (stateId !== undefined && stateId !== 0) {
    const state = stateNames.get(stateId) ?? '?';
    return { state, stopped: STOPPED_STATES.has(state) };
  }
  const started = v.get('started');
  if (started !== undefined) return { state: started ? 'started' : 'stopped', stopped: !started };
  return {};
}
