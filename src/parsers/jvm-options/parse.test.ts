import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jvmOptionsParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { javaVersionParser } from '../java-version/parse.js';
import { jpsParser } from '../jps/parse.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'jvm-options');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const values = (r: { options: { value: string }[] }) => r.options.map((o) => o.value);

test('the seed catalina.sh grep: one JAVA_OPTS assignment, three options, the prompt ignored', () => {
  const text = fixture('seed-catalina-grep.txt');
  assert.ok(jvmOptionsParser.sniff('catalina.sh', text) > 0.8);
  assert.ok(jvmOptionsParser.sniff('notes.txt', text) > 0.8);
  const r = parseEveryWay(jvmOptionsParser, text);
  assert.equal(r.assignments.length, 1);
  assert.deepEqual(r.assignments[0], { variable: 'JAVA_OPTS', value: '-Xms512m -Xmx4096m -XX:MaxPermSize=256m', appends: false, line: 2, text: 'JAVA_OPTS="-Xms512m -Xmx4096m -XX:MaxPermSize=256m"', syntax: 'shell' });
  assert.deepEqual(values(r), ['-Xms512m', '-Xmx4096m', '-XX:MaxPermSize=256m']);
  assert.ok(r.options.every((o) => o.line === 2 && o.variable === 'JAVA_OPTS' && o.source === 'assignment'));
  assert.deepEqual(r.formats, ['assignment']);
});

test('setenv.sh: accumulation, +=, prepending, if/else branches in order, continuations, comments skipped', () => {
  const r = parseEveryWay(jvmOptionsParser, fixture('setenv.sh'));
  assert.deepEqual(r.assignments.map((a) => [a.variable, a.appends, a.prepends ?? false, a.line]), [
    ['JAVA_OPTS', false, false, 6],
    ['JAVA_OPTS', true, false, 9],
    ['CATALINA_OPTS', false, false, 10],
    ['JAVA_OPTS', true, false, 13],
    ['JAVA_OPTS', true, false, 15],
    ['CATALINA_OPTS', true, false, 18],
    ['JAVA_OPTS', true, false, 21],
    ['JAVA_OPTS', false, true, 22],
  ]);
  assert.deepEqual(values(r), [
    '-Xms512m', '-Xmx2048m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=200', '-Dfile.encoding=UTF-8', '-Duser.timezone=Asia/Shanghai',
    '-Xmx4096m', '-Xmx1024m', '-XX:+HeapDumpOnOutOfMemoryError', '-XX:HeapDumpPath=/opt/tomcat/logs',
    '-Dorg.bytedeco.javacpp.maxPhysicalBytes=6g', '-XX:MaxMetaspaceSize=512m',
  ]);
  assert.ok(!values(r).includes('-Xmx8g'), 'a commented-out assignment does not count');
  // Options of a continued assignment point at their own physical line.
  const hd = r.options.find((o) => o.value === '-XX:HeapDumpPath=/opt/tomcat/logs')!;
  assert.equal(hd.line, 20);
  assert.match(hd.text, /HeapDumpPath/);
  assert.equal(r.options.find((o) => o.value === '-Duser.timezone=Asia/Shanghai')?.variable, 'CATALINA_OPTS');
});

test("catalina.sh's exec line: Tomcat's own -D options, main class and program arguments", () => {
  const r = parseEveryWay(jvmOptionsParser, fixture('catalina-exec-excerpt.sh'));
  assert.deepEqual(r.javaCommand?.value, { executable: '$_RUNJAVA', mainClass: 'org.apache.catalina.startup.Bootstrap', args: ['$@', 'start'] });
  assert.equal(r.javaCommand?.line, 5);
  const cmd = r.options.filter((o) => o.source === 'command-line').map((o) => o.value);
  assert.ok(cmd.includes('-Dcatalina.base="$CATALINA_BASE"'), cmd.join(' '));
  assert.ok(!cmd.some((o) => o.includes('CLASSPATH')), 'the -classpath value is not an option');
  assert.equal(r.options.find((o) => o.value.startsWith('-Djava.io.tmpdir'))?.line, 10);
});

test('real jcmd VM.flags, VM.command_line, VM.flags -all and PrintFlagsFinal from JDK 17', () => {
  const flags = fixture('jdk17-jcmd-vm-flags.txt');
  assert.ok(jvmOptionsParser.sniff('vm-flags.txt', flags) > 0.9);
  const f = parseEveryWay(jvmOptionsParser, flags);
  assert.equal(f.pid?.value, Number(flags.split(':')[0]));
  assert.deepEqual(f.formats, ['vm-flags']);
  assert.ok(values(f).includes('-XX:MaxHeapSize=268435456'));
  assert.ok(values(f).includes('-XX:+UseParallelGC'));
  assert.ok(f.options.every((o) => o.line === 2));
  const cl = parseEveryWay(jvmOptionsParser, fixture('jdk17-jcmd-vm-command-line.txt'));
  assert.deepEqual(values(cl), ['-Xms64m', '-Xmx256m', '-XX:MaxMetaspaceSize=128m', '-Xss512k', '-XX:+UseParallelGC', '-Dapp.name=churn']);
  assert.deepEqual(cl.javaCommand?.value, { mainClass: 'Churn', args: [] });
  assert.deepEqual(cl.formats, ['vm-command-line']);
  const all = parseEveryWay(jvmOptionsParser, fixture('jdk17-jcmd-vm-flags-all-head.txt'));
  assert.ok(Object.keys(all.finalFlags!).length > 50);
  assert.deepEqual(all.finalFlags!.CICompilerCount.value, { type: 'intx', value: '2', origin: 'ergonomic', kind: 'product' });
  assert.deepEqual(values(all), ['-XX:CICompilerCount=2'], 'only non-default entries become options');
  const pf = parseEveryWay(jvmOptionsParser, fixture('jdk17-printflagsfinal-excerpt.txt'));
  assert.equal(pf.finalFlags!.MaxHeapSize.value.value, '268435456');
  assert.equal(pf.finalFlags!.MaxHeapSize.value.origin, 'command line');
  assert.equal(pf.finalFlags!.MaxRAMPercentage.value.value, '25.000000');
  assert.equal(pf.finalFlags!.UseContainerSupport.value.origin, 'default');
  assert.ok(values(pf).includes('-XX:+UseParallelGC'));
  assert.ok(values(pf).includes('-XX:MaxHeapSize=268435456'));
  // JDK 8's PrintFlagsFinal marks changed values with ":=" and has no origin column.
  const jdk8 = parseEveryWay(jvmOptionsParser, '[Global flags]\n    uintx MaxHeapSize                              := 4294967296                          {product}\n    uintx NewRatio                                  = 2                                   {product}\n');
  assert.equal(jdk8.finalFlags!.MaxHeapSize.value.origin, 'non-default');
  assert.equal(jdk8.finalFlags!.NewRatio.value.origin, 'default');
  assert.deepEqual(values(jdk8), ['-XX:MaxHeapSize=4294967296']);
});

test('a real ps -ef line and a bare java command line', () => {
  const ps = fixture('jdk17-ps-ef.txt');
  assert.ok(jvmOptionsParser.sniff('ps.txt', ps) > 0.8);
  const r = parseEveryWay(jvmOptionsParser, ps);
  assert.deepEqual(values(r), ['-Xms64m', '-Xmx256m', '-XX:MaxMetaspaceSize=128m', '-Xss512k', '-XX:+UseParallelGC', '-Dapp.name=churn']);
  assert.equal(r.javaCommand?.value.mainClass, 'Churn');
  const bare = parseEveryWay(jvmOptionsParser, 'java -server -Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED -javaagent:/opt/agent.jar -jar app.jar --server.port=8080 -Xmx9g\n');
  assert.deepEqual(values(bare), ['-server', '-Xmx2g', '--add-opens=java.base/java.lang=ALL-UNNAMED', '-javaagent:/opt/agent.jar']);
  assert.deepEqual(bare.javaCommand?.value, { executable: 'java', jar: 'app.jar', args: ['--server.port=8080', '-Xmx9g'] });
});

test('environment: JVM notices, env dumps, Dockerfile ENV, Kubernetes env, setenv.bat', () => {
  const n = parseEveryWay(jvmOptionsParser, fixture('jdk17-picked-up-notices.txt'));
  assert.deepEqual(n.assignments.map((a) => [a.variable, a.value, a.syntax]), [
    ['JDK_JAVA_OPTIONS', '-Dfile.encoding=UTF-8', 'jvm-notice'],
    ['JAVA_TOOL_OPTIONS', '-Xmx300m -XX:+ExitOnOutOfMemoryError', 'jvm-notice'],
  ]);
  const env = parseEveryWay(jvmOptionsParser, fixture('env-dump.txt'));
  assert.deepEqual(env.assignments.map((a) => a.variable), ['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS']);
  assert.deepEqual(values(env), ['-XX:MaxRAMPercentage=75', '-XX:+ExitOnOutOfMemoryError', '-Xmx1g']);
  const docker = parseEveryWay(jvmOptionsParser, fixture('Dockerfile'));
  assert.deepEqual(docker.assignments.map((a) => [a.variable, a.syntax]), [['CATALINA_OPTS', 'dockerfile'], ['JAVA_TOOL_OPTIONS', 'dockerfile']]);
  assert.ok(values(docker).includes('-Dorg.bytedeco.javacpp.maxPhysicalBytes=0'));
  const k8s = parseEveryWay(jvmOptionsParser, fixture('k8s-deployment-env.yaml'));
  assert.equal(k8s.assignments.length, 1);
  assert.deepEqual(values(k8s), ['-XX:MaxRAMPercentage=75.0', '-XX:+ExitOnOutOfMemoryError']);
  assert.equal(k8s.options[0].line, 8);
  const bat = parseEveryWay(jvmOptionsParser, fixture('setenv.bat'));
  assert.deepEqual(bat.assignments.map((a) => [a.variable, a.appends]), [['JAVA_OPTS', true], ['CATALINA_OPTS', true]]);
  assert.deepEqual(values(bat), ['-Xms1g', '-Xmx3g', '-XX:MaxMetaspaceSize=384m']);
  const compose = parseEveryWay(jvmOptionsParser, 'services:\n  app:\n    environment:\n      - JAVA_OPTS=-Xmx2g -XX:+UseG1GC\n      JAVA_TOOL_OPTIONS: "-Xss512k"\n');
  assert.deepEqual(values(compose), ['-Xmx2g', '-XX:+UseG1GC', '-Xss512k']);
  const systemd = parseEveryWay(jvmOptionsParser, '[Service]\nEnvironment="CATALINA_OPTS=-Xmx3g -XX:+UseG1GC"\n');
  assert.deepEqual(values(systemd), ['-Xmx3g', '-XX:+UseG1GC']);
});

test('jvm.options files (one option per line, version guards)', () => {
  const text = '## heap\n-Xms1g\n-Xmx1g\n8-13:-XX:+UseConcMarkSweepGC\n14-:-XX:+UseG1GC\n';
  assert.ok(jvmOptionsParser.sniff('jvm.options', text) > 0.8);
  const r = parseEveryWay(jvmOptionsParser, text);
  assert.deepEqual(values(r), ['-Xms1g', '-Xmx1g', '-XX:+UseConcMarkSweepGC', '-XX:+UseG1GC']);
  assert.deepEqual(r.formats, ['options-file']);
});

test('an unclosed quote does not swallow the rest of the file forever', () => {
  const text = 'JAVA_OPTS="-Xmx1g\n' + 'x\n'.repeat(60) + 'CATALINA_OPTS="-Xmx2g"\n';
  const r = parseEveryWay(jvmOptionsParser, text);
  assert.ok(values(r).includes('-Xmx2g'));
});

test('does not claim logs, java -version, jps or prose', () => {
  const log = '23-Mar-2023 13:12:50.636 INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Command line argument: -Xmx4096m\n'.repeat(5);
  assert.equal(jvmOptionsParser.sniff('catalina.out', log), 0);
  const version = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)\nOpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode)\n';
  assert.equal(jvmOptionsParser.sniff('version.txt', version), 0);
  const jps = '4242 org.apache.catalina.startup.Bootstrap -Xmx4096m -Dcatalina.base=/opt/tomcat start\n7959 Jps\n';
  assert.ok(jvmOptionsParser.sniff('jps.txt', jps) < jpsParser.sniff('jps.txt', jps));
  assert.equal(jvmOptionsParser.sniff('a.txt', 'hello world\n'), 0);
  // The notices + java -version file is java -version's: it scores higher there.
  const notices = fixture('jdk17-picked-up-notices.txt');
  assert.ok(javaVersionParser.sniff('v.txt', notices) > jvmOptionsParser.sniff('v.txt', notices));
  const r = parseEveryWay(jvmOptionsParser, 'hello\n');
  assert.match(r.problem ?? '', /no JVM options/);
});

test('Windows files: CRLF line ends and a UTF-8 BOM change nothing', () => {
  const bat = fixture('setenv.bat');
  const crlf = parseEveryWay(jvmOptionsParser, '\ufeff' + bat.replace(/\n/g, '\r\n'));
  assert.deepEqual(values(crlf), values(parseEveryWay(jvmOptionsParser, bat)));
  assert.deepEqual(crlf.assignments.map((a) => a.value), ['%JAVA_OPTS% -Xms1g -Xmx3g', '%CATALINA_OPTS% -XX:MaxMetaspaceSize=384m']);
});
