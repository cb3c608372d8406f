// Every rule, in the order they are run (and the tie-break order in the report). Explicit on purpose.

import type { Rule } from './define.js';
import { heapLeakSuspect } from './heap-leak-suspect.js';
import { heapGrowth } from './heap-growth.js';
import { heapWaste } from './heap-waste.js';
import { heapTopConsumers } from './heap-top-consumers.js';
import { heapLeakedClassloaders } from './heap-leaked-classloaders.js';
import { javacppNativeCap } from './javacpp-native-cap.js';
import { memoryBudget } from './memory-budget.js';
import { memoryCalculator } from './memory-calculator.js';
import { nativeMemoryGrowth } from './native-memory-growth.js';
import { classHistogram } from './class-histogram.js';
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
import { gcLiveSet } from './gc-live-set.js';
import { gcOverhead } from './gc-overhead.js';
import { gcMetaspaceThreshold } from './gc-metaspace-threshold.js';
import { gcEvacuationFailure } from './gc-evacuation-failure.js';
import { gcConcurrentModeFailure } from './gc-concurrent-mode-failure.js';
import { gcPromotionFailed } from './gc-promotion-failed.js';
import { gcSerialFallback } from './gc-serial-fallback.js';
import { gcLongPauses } from './gc-long-pauses.js';
import { gcHumongous } from './gc-humongous.js';
import { gcExplicit } from './gc-explicit.js';
import { gcSafepoints } from './gc-safepoints.js';
import { gcCpuStarvation } from './gc-cpu-starvation.js';
import { gcInvertedParallelism } from './gc-inverted-parallelism.js';
import { gcLocker } from './gc-locker.js';
import { gcPrematurePromotion } from './gc-premature-promotion.js';
import { gcHeapResize } from './gc-heap-resize.js';

// Rule order is the tie-break within a severity and tier (define.ts), so it reads as a ranking: the
// specific explanations of a failure first, what filled the heap after the error that made the dump,
// then the readings that explain the system.
export const RULES: Rule[] = [
  javacppNativeCap, containerFit, memoryBudget, memoryCalculator, nativeMemoryGrowth, threadDeadlock, outOfMemoryError, threadLeak, tomcatClassloaderLeak, heapLeakSuspect, heapGrowth,
  heapLeakedClassloaders, metaspaceSize, obsoleteJvmOptions, threadCount, gcGenerations, jstatReadings, logTimeline, hostMemory, heapTopConsumers, heapWaste, classHistogram,
  gcLiveSet, gcOverhead, gcMetaspaceThreshold, gcEvacuationFailure, gcConcurrentModeFailure, gcPromotionFailed, gcSerialFallback, gcLongPauses,
  gcHumongous, gcExplicit, gcSafepoints, gcCpuStarvation, gcInvertedParallelism, gcLocker, gcPrematurePromotion, gcHeapResize,
];
