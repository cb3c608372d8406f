// Every rule, in the order they are run (and the tie-break order in the report). Explicit on purpose.

import type { Rule } from './define.js';
import { heapLeakSuspect } from './heap-leak-suspect.js';
import { heapTopConsumers } from './heap-top-consumers.js';
import { heapLeakedClassloaders } from './heap-leaked-classloaders.js';
import { javacppNativeCap } from './javacpp-native-cap.js';
import { memoryBudget } from './memory-budget.js';
import { tomcatClassloaderLeak } from './tomcat-classloader-leak.js';
import { gcGenerations } from './gc-generations.js';
import { obsoleteJvmOptions } from './obsolete-jvm-options.js';
import { hostMemory } from './host-memory.js';
import { outOfMemoryError } from './out-of-memory-error.js';
import { threadDeadlock } from './thread-deadlock.js';
import { threadLeak } from './thread-leak.js';
import { containerFit } from './container-fit.js';
import { metaspaceSize } from './metaspace-size.js';
import { threadCount } from './thread-count.js';
import { jstatReadings } from './jstat-readings.js';
import { logTimeline } from './log-timeline.js';

export const RULES: Rule[] = [
  javacppNativeCap, outOfMemoryError, memoryBudget, containerFit, tomcatClassloaderLeak, metaspaceSize, gcGenerations, jstatReadings,
  obsoleteJvmOptions, threadCount, hostMemory, threadDeadlock, threadLeak, heapLeakSuspect, heapLeakedClassloaders, heapTopConsumers, logTimeline,
];
