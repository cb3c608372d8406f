// Tomcat's class-loader leak checks (org.apache.catalina.loader.WebappClassLoaderBase, run when a
// webapp stops or reloads), read in any language.
//
// Reference: apache/tomcat java/org/apache/catalina/loader/WebappClassLoaderBase.java and its
// LocalStrings*.properties (keys webappClassLoader.*; ../shared/corpus/reference/tomcat-loader-messages.tsv
// lists them for branches 7.0–11 in ten languages).
//
// Nothing here depends on the message language:
//  - the logging method (OneLineFormatter and SimpleFormatter print it) says which check spoke:
//    clearReferencesThreads, clearReferencesStopTimerThread, checkThreadLocalMapForLeaks,
//    clearReferencesJdbc, clearReferencesRmiTargets …;
//  - every MessageFormat argument is printed in [brackets] in every translation (bracket-args.ts);
//  - the webapp argument is the one right after the words "web application" — the only
//    per-language data, a dozen words, needed because translations reorder arguments (zh/ja/ko
//    stopThreadFail print the webapp first, en/fr/es last);
//  - words that no translator translates tell the remaining cases apart ("unloadDelay",
//    "java.util.Timer", "ThreadLocal", "JDBC", "RMI");
//  - the leaked thread's stack is getStackTrace(thread): "\n " + each StackTraceElement, so it follows
//    on the next lines, each starting with one space, the last one closing the "[" in zh_CN and ja.
// For lines without the method (Logback / Spring Boot print only the logger), the same words pick it.

import type { TomcatLeakKind } from './types.js';
import type { JulLevel } from './level-names.js';
import { type BracketArg, bracketArgs } from './bracket-args.js';
import { poolOf } from '../../knowledge/thread-names.js';

/** What one leak-check message says, before the line's position and level are added. */
export interface LeakDraft {
  kind: TomcatLeakKind;
  method: string;
  messageKey?: string;
  webapp?: string;
  threadName?: string;
  threadPool?: string;
  keyType?: string;
  valueType?: string;
  subject?: string;
  /** The message ends where the leaked thread's stack starts: the next " frame" lines belong to it. */
  expectsStack: boolean;
  /** Some bracketed argument was cut or mangled: the fields are a best-effort reading. */
  partial: boolean;
}

const LOADER_LOGGER = /(?:^|\.)(?:Parallel)?WebappClassLoader(?:Base)?$/;

/** "org.apache.catalina.loader.WebappClassLoaderBase", "o.a.c.loader.WebappClassLoaderBase", Tomcat 7's "…WebappClassLoader". */
export function isLoaderLogger(logger: string | undefined): boolean {
  return logger !== undefined && LOADER_LOGGER.test(logger);
}

/** The WebappClassLoaderBase methods that run leak checks; its other messages (jar changes, read errors) are not leaks. */
const LEAK_METHOD = /^(?:clearReferences|checkThreadLocal|checkStateFor|loadedByThisOrChild|checkThreadsHttpClient)/;

export function isLeakMethod(method: string): boolean {
  return LEAK_METHOD.test(method);
}

// "web application" in Tomcat's translations (and "context" for loadedByThisOrChildFail), right before "["
// (es 7.0.x really prints "apliicación").
const WEBAPP_BEFORE = /(?:ap?pli+ca\p{L}*(?: web)?|web-?applikation|\p{L}*anwendung|приложени\p{L}*|aplikac\p{L}*|应用程序|應用程式|アプリケーション|애플리케이션|context[eo]?|kontext|コンテキスト|컨텍스트|上下文)\s*[:：]?\s*$/iu;

/** A Java type name as Tomcat prints it (getPrettyClassName: canonical name, or binary name). */
const TYPE_NAME = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+(?:\[\])*$/;

function webappIndex(message: string, args: BracketArg[]): number {
  for (let i = 0; i < args.length; i++) {
    const from = Math.max(i > 0 ? args[i - 1].end : 0, args[i].start - 40);
    if (WEBAPP_BEFORE.test(message.slice(from, args[i].start))) return i;
  }
  return -1;
}

/** Which check logged a line that does not name its method (Logback, Spring Boot). */
function inferMethod(message: string, args: number, expectsStack: boolean): string | undefined {
  if (message.includes('ThreadLocal')) return 'checkThreadLocalMapForLeaks';
  if (message.includes('JDBC')) return 'clearReferencesJdbc';
  if (message.includes('RMI')) return 'clearReferencesRmiTargets';
  if (message.includes('TimerThread')) return 'clearReferencesStopTimerThread';
  if (message.includes('unloadDelay') || expectsStack || args >= 2) return 'clearReferencesThreads';
  return undefined;
}

/** The (type, value) order of a ThreadLocal pair: zh_CN's None message prints the value first. */
function typeAndValue(a: string | undefined, b: string | undefined): [string | undefined, string | undefined] {
  if (a !== undefined && b !== undefined && !TYPE_NAME.test(a) && TYPE_NAME.test(b)) return [b, a];
  return [a, b];
}

/**
 * Reads one WebappClassLoaderBase message. `method` is the logging method when the format prints it;
 * returns undefined for messages that are not leak checks.
 */
export function readLeakMessage(method: string | undefined, level: JulLevel | undefined, message: string): LeakDraft | undefined {
  const args = bracketArgs(message);
  let expectsStack = false;
  const last = args[args.length - 1];
  // zh_CN / ja end the line with "：[" and close it after the last frame.
  if (last && last.value === '' && last.broken && message.slice(last.start + 1).trim() === '') {
    args.pop();
    expectsStack = true;
  } else if (/[:：]\s*$/.test(message)) {
    expectsStack = true; // en "Stack trace of thread:" / fr "la trace du thread est : "
  }
  // Tomcat 6 named the ThreadLocal check clearThreadLocalMap.
  if (method === 'clearThreadLocalMap') method = 'checkThreadLocalMapForLeaks';
  method ??= inferMethod(message, args.length, expectsStack);
  if (!method || !isLeakMethod(method)) return undefined;

  const w = webappIndex(message, args);
  const webapp = w >= 0 ? args[w].value : undefined;
  const others = args.filter((_, i) => i !== w);
  const partial = args.some((a) => a.broken);
  const draft: LeakDraft = { kind: 'other', method, webapp, expectsStack, partial };

  if (method === 'clearReferencesThreads' || method === 'clearReferencesStopThreads') {
    const thread = others[0]?.value;
    if (message.includes('unloadDelay')) {
      draft.messageKey = expectsStack ? 'stackTraceRequestThread' : 'warnRequestThread';
    } else if (expectsStack) {
      draft.messageKey = 'stackTrace';
    } else if (others.length === 1 && webapp !== undefined) {
      // Tomcat 7 logs warnThread with log.error; stopThreadFail is a log.warn with the exception attached.
      draft.messageKey = level === 'SEVERE' ? 'warnThread' : 'stopThreadFail';
    } else if (others.length === 1) {
      draft.messageKey = 'getThreadGroupError';
      draft.subject = thread;
      return draft;
    } else if (others.length === 0 && !expectsStack) {
      draft.messageKey = 'checkThreadsHttpClient';
      draft.subject = 'Keep-Alive-Timer';
      return draft;
    }
    if (thread !== undefined) {
      draft.kind = method === 'clearReferencesStopThreads' ? 'thread-stopped' : 'thread';
      draft.threadName = thread;
      draft.threadPool = poolOf(thread);
    }
    return draft;
  }

  if (method.startsWith('clearReferencesStopTimerThread')) {
    draft.messageKey = message.includes('java.util.Timer') ? 'warnTimerThread' : 'stopTimerThreadFail';
    const thread = others[0]?.value;
    if (thread !== undefined) {
      draft.kind = 'timer';
      draft.threadName = thread;
      draft.threadPool = poolOf(thread);
    }
    return draft;
  }

  if (method === 'checkThreadLocalMapForLeaks') {
    const v = others.map((a) => a.value);
    if (v.length >= 4) {
      [draft.keyType] = typeAndValue(v[0], v[1]);
      [draft.valueType] = typeAndValue(v[2], v[3]);
      // The leak is logged with log.error; the "not a leak" variant (None) only at debug.
      const leak = level === undefined || level === 'SEVERE' || level === 'WARNING';
      draft.kind = leak ? 'threadlocal' : 'other';
      draft.messageKey = leak ? 'checkThreadLocalsForLeaks' : 'checkThreadLocalsForLeaksNone';
    } else if (v.length >= 2 && webapp !== undefined) {
      [draft.keyType] = typeAndValue(v[0], v[1]);
      draft.messageKey = 'checkThreadLocalsForLeaksNull';
    } else if (v.length === 1 && webapp === undefined) {
      draft.subject = v[0];
    }
    return draft;
  }

  if (method === 'checkThreadLocalsForLeaks') {
    draft.messageKey = webapp !== undefined ? 'checkThreadLocalsForLeaksFail' : 'addExportsThreadLocal';
    return draft;
  }

  if (method === 'clearReferencesJdbc') {
    const driver = others[0]?.value;
    if (driver !== undefined && webapp !== undefined) {
      draft.kind = 'jdbc-driver';
      draft.messageKey = 'clearJdbc';
      draft.subject = driver;
    } else {
      draft.messageKey = 'jdbcRemoveFailed';
    }
    return draft;
  }

  if (method === 'clearReferencesRmiTargets') {
    if (webapp === undefined && others.length >= 2) {
      // "Found RMI Target with stub class class [{0}] and value [{1}]" — no webapp in this message.
      draft.kind = 'rmi-target';
      draft.messageKey = 'clearRmi';
      draft.subject = others[0].value;
      draft.valueType = others[1].value;
    } else if (webapp !== undefined) {
      draft.messageKey = level === 'INFO' ? 'clearRmiInfo' : 'clearRmiFail';
    } else {
      draft.messageKey = 'addExportsRmi';
    }
    return draft;
  }

  if (method.startsWith('checkStateFor')) {
    draft.messageKey = 'stopped';
    draft.subject = others[0]?.value;
    return draft;
  }
  if (method.startsWith('clearReferencesObjectStreamClassCaches')) {
    draft.messageKey = webapp !== undefined ? 'clearObjectStreamClassCachesFail' : 'addExportsJavaIo';
    return draft;
  }
  if (method.startsWith('loadedByThisOrChild')) {
    draft.messageKey = 'loadedByThisOrChildFail';
    draft.subject = others[0]?.value;
    return draft;
  }
  return draft;
}

const STACK_FRAME = /^ (?:[\w$.]+@[\w.-]*\/|[\w$.-]+\/\/?)?[\w$.<>-]+\((?:[^()]*)\)\]?$/;

/**
 * One line after a leak warning that announced a stack: the frame (without the leading space and
 * the closing "]"), and whether it closes the stack. undefined when the line is not a stack line.
 */
export function readLeakStackLine(text: string): { frame: string; last: boolean } | undefined {
  if (text.charCodeAt(0) !== 32 || text.charCodeAt(1) === 32) return undefined;
  if (!STACK_FRAME.test(text)) {
    // An empty stack ("[]") or a frame-less closer.
    if (text.trim() === ']') return { frame: '', last: true };
    return undefined;
  }
  const last = text.endsWith(']');
  return { frame: text.slice(1, last ? -1 : undefined), last };
}
