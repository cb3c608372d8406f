// Debian's tomcat10 (CATALINA_HOME /usr/share/tomcat10, from the tomcat10-common package) run from a
// CATALINA_BASE of our own in the scenario's work folder, on a free 127.0.0.1 port, with the search
// webapp of scenarios/tomcat-redeploy-leak/webapp deployed exploded. The runner requests it
// concurrently, reloads it by touching WEB-INF/web.xml, saves what an engineer would, and stops Tomcat by
// PID (SIGTERM: Tomcat's shutdown hook stops the webapp, which runs the leak checks once more).

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLogged, stop } from './proc.mjs';
import { compileJava, gcLogOption } from './jvm.mjs';
import { collectSnapshots } from './collect.mjs';
import { MissingPrerequisite } from './prerequisites.mjs';

const LIB = dirname(fileURLToPath(import.meta.url));
const WEBAPP = join(LIB, '..', 'tomcat-redeploy-leak', 'webapp');
/** Debian's tomcat10; JVMDOCTOR_CATALINA_HOME points the scenarios at another Tomcat 10 install. */
export const CATALINA_HOME = process.env.JVMDOCTOR_CATALINA_HOME ?? '/usr/share/tomcat10';
const SERVLET_API = join(CATALINA_HOME, 'lib', 'servlet-api.jar');
const NETTY_COMMON = '/usr/share/java/netty-common.jar';
const APP = 'search';

export function checkTomcatPrerequisites() {
  if (!existsSync(join(CATALINA_HOME, 'bin', 'catalina.sh'))) {
    throw new MissingPrerequisite(`Tomcat 10 is absent: no ${CATALINA_HOME}/bin/catalina.sh (apt-get install tomcat10-common)`);
  }
  if (!existsSync(NETTY_COMMON)) throw new MissingPrerequisite('Netty is absent (apt-get install libnetty-java)');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function get(port, path, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer in 10 s`)));
    req.on('error', reject);
  });
}

/** `count` GET /search?q=… requests, at most `concurrency` in flight (a bounded load, loopback only). */
async function traffic(port, count, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const r = await get(port, `/${APP}/search?q=order-${i}`, agent).catch(() => ({ status: 0 }));
      if (r.status !== 200) failed++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  if (failed) throw new Error(`${failed} of ${count} requests to /${APP}/search failed`);
}

async function loaderId(port, proc, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode() !== undefined) throw new Error(`Tomcat exited (${proc.exitCode()}) before /${APP} answered`);
    const r = await get(port, `/${APP}/search/status`).catch(() => undefined);
    if (r?.status === 200) return JSON.parse(r.body).loader;
    if (Date.now() > deadline) throw new Error(`/${APP}/search/status did not answer 200 within ${timeoutMs} ms`);
    await sleep(150);
  }
}

function renderTemplate(src, dest, vars) {
  let text = readFileSync(src, 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`@${k}@`, String(v));
  writeFileSync(dest, text);
}

/**
 * @param ctx {workDir, evidenceDir, log}
 * @param opts {locale: {language, country}, cleanupOnStop: boolean, reloads: number, requests: number,
 *              concurrency: number, heapDump: boolean}
 */
export async function runTomcatScenario(ctx, opts) {
  checkTomcatPrerequisites();
  const { workDir, evidenceDir, log } = ctx;
  const base = join(workDir, 'catalina-base');
  for (const d of ['conf', 'logs', 'temp', 'work', 'bin', `webapps/${APP}/WEB-INF/lib`, `webapps/${APP}/META-INF`]) {
    mkdirSync(join(base, d), { recursive: true });
  }
  const port = await freePort();
  renderTemplate(join(LIB, 'tomcat-base', 'server.xml'), join(base, 'conf', 'server.xml'), { PORT: port });
  copyFileSync(join(LIB, 'tomcat-base', 'logging.properties'), join(base, 'conf', 'logging.properties'));

  // The webapp: compiled against Tomcat's own servlet API jar, with Netty bundled in WEB-INF/lib as an
  // application would (so Netty's classes belong to the webapp's class loader, as in the seed).
  const appDir = join(base, 'webapps', APP);
  await compileJava(join(WEBAPP, 'src'), join(appDir, 'WEB-INF', 'classes'), [SERVLET_API, NETTY_COMMON]);
  copyFileSync(realpathSync(NETTY_COMMON), join(appDir, 'WEB-INF', 'lib', 'netty-common.jar'));
  copyFileSync(join(WEBAPP, 'META-INF', 'context.xml'), join(appDir, 'META-INF', 'context.xml'));
  const webXml = join(appDir, 'WEB-INF', 'web.xml');
  renderTemplate(join(WEBAPP, 'WEB-INF', 'web.xml.template'), webXml, { CLEANUP_ON_STOP: opts.cleanupOnStop });

  // The JVM options live in bin/setenv.sh, where a Tomcat admin puts them (catalina.sh sources it).
  const gcLog = join(base, 'logs', 'gc.log');
  const javaOpts = [
    '-Xms256m',
    '-Xmx256m',
    '-XX:+UseG1GC', // named, as in most production setenv.sh files (and so a small CI box does not fall back to Serial)
    gcLogOption(gcLog),
    '-XX:+HeapDumpOnOutOfMemoryError',
    `-XX:HeapDumpPath=${join(base, 'logs')}`,
    `-Duser.language=${opts.locale.language}`,
    `-Duser.country=${opts.locale.country}`,
  ];
  const setenv = join(base, 'bin', 'setenv.sh');
  writeFileSync(setenv, `#!/bin/sh\n# JVM options for this Tomcat instance (sourced by catalina.sh)\nCATALINA_OPTS="$CATALINA_OPTS ${javaOpts.join(' ')}"\n`);

  const catalinaOut = join(base, 'logs', 'catalina.out');
  const env = { ...process.env, CATALINA_HOME, CATALINA_BASE: base, CATALINA_TMPDIR: join(base, 'temp') };
  delete env.JAVA_OPTS;
  delete env.CATALINA_OPTS;
  delete env.JAVA_TOOL_OPTIONS;
  const result = { pid: undefined, port, reloads: 0, requests: 0, collected: [] };
  // `catalina.sh run` execs java in the foreground, so the child's PID is Tomcat's JVM: the PID we stop.
  const tomcat = startLogged('tomcat', join(CATALINA_HOME, 'bin', 'catalina.sh'), ['run'], { logFile: catalinaOut, cwd: base, env });
  result.pid = tomcat.pid;
  try {
    log(`tomcat10 pid ${tomcat.pid} on 127.0.0.1:${port}, locale ${opts.locale.language}_${opts.locale.country}`);
    let loader = await loaderId(port, tomcat);
    const comm = readFileSync(`/proc/${tomcat.pid}/comm`, 'utf8').trim();
    if (comm !== 'java') throw new Error(`expected catalina.sh run to exec java as PID ${tomcat.pid}, found "${comm}"`);
    await traffic(port, opts.requests, opts.concurrency);
    result.requests += opts.requests;
    for (let r = 1; r <= opts.reloads; r++) {
      // HostConfig ignores changes younger than a second (FILE_MODIFICATION_RESOLUTION_MS): step the
      // mtime clearly forward so each touch counts.
      const t = new Date(Date.now() + 2_000 * r);
      utimesSync(webXml, t, t);
      const deadline = Date.now() + 60_000;
      let now = loader;
      while (now === loader) {
        if (Date.now() > deadline) throw new Error(`reload ${r}: /${APP} still served by class loader ${loader} after 60 s`);
        await sleep(250);
        now = await loaderId(port, tomcat);
      }
      log(`reload ${r}: class loader ${loader} → ${now}`);
      loader = now;
      result.reloads = r;
      await traffic(port, opts.requests, opts.concurrency);
      result.requests += opts.requests;
    }
    result.collected = await collectSnapshots(tomcat.pid, evidenceDir, { threadsView: true, heapDump: opts.heapDump, bundle: ctx.bundle });
  } finally {
    const how = await stop(tomcat, 20_000);
    result.stoppedWith = how.signal;
    result.exit = tomcat.exitCode();
  }
  // Tomcat is down: its log files are complete (AsyncFileHandler flushed at shutdown). Save the logs/
  // folder as an engineer would, and the setenv.sh that carries the JVM options.
  for (const f of readdirSync(join(base, 'logs'))) {
    if (/^(catalina\.out|catalina\..*\.log|localhost\..*\.log|gc\.log)$/.test(f)) {
      copyFileSync(join(base, 'logs', f), join(evidenceDir, f));
      result.collected.push({ file: f, ok: true });
    }
  }
  copyFileSync(setenv, join(evidenceDir, 'setenv.sh'));
  result.collected.push({ file: 'setenv.sh', ok: true });
  return result;
}
