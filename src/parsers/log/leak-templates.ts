// Tomcat's leak-check messages found anywhere in a line, whatever precedes them: a date cut off by the
// paste, a docker-compose or journald prefix, an application logger that re-prints Tomcat's text
// ("===========> WebappClassLoader.clearReferencesThreads: La aplicación web [/] …"), a JUL message line
// whose header was lost ("SEVERE: The web application [/vivo] …"), or no header at all.
//
// Reference: apache/tomcat java/org/apache/catalina/loader/LocalStrings*.properties, keys
// webappClassLoader.{warnThread, stackTrace, stopThreadFail, warnTimerThread, checkThreadLocalsForLeaks,
// clearJdbc, warnRequestThread, stackTraceRequestThread} in every language Tomcat 6–11 ships (en, es, fr,
// ja, ko, zh_CN; the others carry no translation of these keys). Only short fixed phrases of each
// template are kept here, the ones no argument can contain; the arguments are read as in tomcat-leaks.ts
// (bracket-args.ts). Tomcat 6 printed "A web application created a ThreadLocal …" without the webapp.

import { levelFromName, type JulLevel } from './level-names.js';

/** A fixed phrase of one of the leak templates (the part after the webapp argument in most languages). */
export const LEAK_BODY =
  /appears to have started a (?:thread|TimerThread) named \[|created a ThreadLocal with key|registered the JDBC driver \[|is still processing a request|Failed to terminate thread named \[|parece haber arrancado un (?:hilo|TimerThread)|creó un ThreadLocal|registró el conductor JDBC|aún se encuentra procesando|No pude terminar el hilo|semble avoir démarré un (?:thread|TimerThread)|a crée un ThreadLocal|a enregistré un pilote JDBC|est toujours en cours|Impossible de terminer le thread|という名前のスレッドを開始|のThreadLocalを作成|登録した JDBC ドライバー|で開始した TimerThread|のスレッド ?\[[^\]]*\] ?は(?:終了|まだ)|쓰레드를 시작시킨|ThreadLocal 객체를 생성|JDBC 드라이버 \[|TimerThread를 시작|쓰레드를 종료시키지|쓰레드 \[[^\]]*\]가 여전히|似乎启动了一个名为\[|创建了一个ThreadLocal|注册了JDBC驱动程序|的TimerThread|终止线程\[|中的线程\[[^\]]*\]仍在/u;

/** Where such a message starts, when something (a logger, a date, a prefix) precedes it. */
const MESSAGE_START =
  /(?:The|A) web application\b|The thread \[|Failed to terminate thread|La aplicaci[oó]n web\b|No pude terminar|L'{1,2}application\b|Le thread \[|Une requête de l'{1,2}application|Impossible de terminer|Web ?アプリケーション|웹 애플리케이션|为web应用程序|[Ww]eb应用程序/gu;

/** The WebappClassLoader(Base) method that logged it, when the line still names it. */
const METHOD = /\b(clearReferences\w+|checkThreadLocal\w+|clearThreadLocalMap|checkStateFor\w*|loadedByThisOrChild\w*)\b/;

/** String concatenation or interpolation around the text: `"…[" + name + "]…"`, `${x}`. */
const SOURCE_CODE = /["'`]\s*\+\s*[\w$.[\]()]+\s*\+\s*["'`]|\$\{[^}]*\}/;

export interface LeakInLine {
  /** Index in the line where the message starts. */
  messageStart: number;
  method?: string;
  level?: JulLevel;
  levelText?: string;
}

/** Cheap gate: could this line hold a leak-check message? */
export function mayHoldLeakMessage(text: string): boolean {
  return LEAK_BODY.test(text);
}

/** Finds a leak-check message anywhere in `text`; undefined when there is none. */
export function findLeakMessage(text: string): LeakInLine | undefined {
  const body = LEAK_BODY.exec(text);
  if (!body) return undefined;
  // Source code that quotes a template (a test's Java or JavaScript) is not a log record.
  if (SOURCE_CODE.test(text)) return undefined;
  let messageStart = -1;
  MESSAGE_START.lastIndex = 0;
  for (let m = MESSAGE_START.exec(text); m && m.index <= body.index; m = MESSAGE_START.exec(text)) messageStart = m.index;
  if (messageStart < 0) messageStart = body.index;
  const before = text.slice(0, messageStart);
  const m = METHOD.exec(before);
  // Tomcat 6 named the ThreadLocal check clearThreadLocalMap.
  const method = m ? (m[1] === 'clearThreadLocalMap' ? 'checkThreadLocalMapForLeaks' : m[1]) : undefined;
  // The level is the nearest level word before the message ("SEVERE:", "警告 [main] …", "[WARN]").
  const words = before.split(/[\s[\]:|>=()]+/).filter(Boolean).reverse();
  let level: JulLevel | undefined;
  let levelText: string | undefined;
  for (const w of words) {
    const l = levelFromName(w);
    if (l) {
      level = l;
      levelText = w;
      break;
    }
  }
  return { messageStart, method, level, levelText };
}
