import { test } from 'node:test';
import assert from 'node:assert/strict';
import { obsoleteJvmOptions } from './obsolete-jvm-options.js';
import { runRule } from './testing.js';

const CATALINA = 'JAVA_OPTS="-Xms512m -Xmx4096m -XX:MaxPermSize=256m"\n';
const JDK8 = 'java version "1.8.0_202"\nJava(TM) SE Runtime Environment (build 1.8.0_202-b08)\nJava HotSpot(TM) 64-Bit Server VM (build 25.202-b08, mixed mode)\n';
const JDK17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\nOpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)\n';
const JSTAT = ` NGCMN    NGCMX     NGC     S0C   S1C       EC      OGCMN      OGCMX       OGC         OC       MCMN     MCMX      MC     CCSMN    CCSMX     CCSC    YGC    FGC
174592.0 1397760.0 1397760.0 25088.0 23552.0 1349120.0   349696.0  2796544.0  2375680.0  2375680.0      0.0 1751040.0 812632.0      0.0 1048576.0 110208.0   1624   820
`;

test('MaxPermSize on Java 8 is ignored: info, with the metaspace flag as replacement', () => {
  const [f] = runRule(obsoleteJvmOptions, { 'catalina.sh': CATALINA, 'java-version.txt': JDK8 });
  assert.equal(f.severity, 'info');
  assert.match(f.title, /MaxPermSize=256m is ignored on Java 8/);
  assert.deepEqual(f.recommendations[0].flags, ['-XX:MaxMetaspaceSize=256m']);
  assert.deepEqual(f.evidence.map((e) => `${e.file}:${e.line}`), ['catalina.sh:1', 'java-version.txt:1']);
});

test('when metaspace already holds more than the old PermGen cap, the replacement is sized above it', () => {
  const [f] = runRule(obsoleteJvmOptions, { 'catalina.sh': CATALINA, 'java-version.txt': JDK8, 'jstat.txt': JSTAT });
  assert.deepEqual(f.recommendations[0].flags, ['-XX:MaxMetaspaceSize=1152m']);
  assert.match(f.recommendations[0].detail, /not 256m: metaspace already holds 794 MB/);
});

test('on Java 17 the same option stops the JVM: warning', () => {
  const [f] = runRule(obsoleteJvmOptions, { 'catalina.sh': CATALINA, 'java-version.txt': JDK17 });
  assert.equal(f.severity, 'warning');
  assert.match(f.title, /stops the JVM from starting on Java 17/);
});

test('without java -version, options dead on every supported JDK are still reported', () => {
  const [f] = runRule(obsoleteJvmOptions, { 'catalina.sh': CATALINA });
  assert.ok(f);
  assert.match(f.summary, /judged for Java 8 and later/);
});

test('current options are not reported', () => {
  assert.deepEqual(runRule(obsoleteJvmOptions, { 'setenv.sh': 'CATALINA_OPTS="-Xmx2g -XX:MaxMetaspaceSize=512m -XX:+UseG1GC"\n', 'java-version.txt': JDK17 }), []);
});
