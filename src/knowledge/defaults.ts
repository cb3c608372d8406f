// HotSpot defaults that matter for a memory budget, where the flags do not say otherwise.
// Reference: HotSpot globals.hpp / globals_linux_x86.hpp / compiler_globals.hpp (JDK 8–21).

import { MB } from '../util/bytes.js';

/** -Xss on 64-bit Linux (ThreadStackSize=1024 KB): reserved per Java thread; RSS only counts touched pages. */
export const DEFAULT_THREAD_STACK_BYTES = 1 * MB;

/** ReservedCodeCacheSize with tiered compilation (the default since JDK 8): 240 MB. */
export const DEFAULT_CODE_CACHE_BYTES = 240 * MB;
