import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { compileJava, haveJdk } from '../../test/java.js';
import { repoRoot } from '../../test/support.js';
import { formatOffset, resolveJvmZone, wallToUtc } from './time-zone.js';

const WINTER = Date.UTC(2023, 0, 15, 12);
const SUMMER = Date.UTC(2023, 6, 15, 12);

test('the JVM default zone from TZ and -Duser.timezone agrees with a real JVM', { skip: haveJdk ? false : 'javac absent' }, () => {
  const dir = compileJava([join(repoRoot(), 'fixtures', 'log', 'java', 'ZoneProbe.java')]);
  try {
    const cases: { tz?: string; prop?: string }[] = [
      { tz: 'Asia/Shanghai' },
      { tz: ':America/New_York' },
      { tz: 'CST-8' }, // POSIX: 8 hours east of UTC
      { tz: 'UTC+8' }, // POSIX: 8 hours WEST of UTC — the JDK does not know the id and takes libc's offset
      { tz: 'GMT+8' }, // a JDK custom id: 8 hours east
      { tz: '<+0530>-5:30' },
      { tz: 'Asia/Shanghai', prop: 'Europe/Berlin' }, // user.timezone wins
      { tz: 'CST-8', prop: 'UTC+8' }, // an id the JDK does not know: the OS's offset
      { tz: 'UTC', prop: 'GMT-03:30' },
      { tz: 'UTC', prop: 'asia/shanghai' }, // ids are case-sensitive to the JDK
    ];
    for (const c of cases) {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: c.tz };
      const args = [...(c.prop ? [`-Duser.timezone=${c.prop}`] : []), '-cp', dir, 'ZoneProbe', String(WINTER), String(SUMMER)];
      const r = spawnSync('java', args, { env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const [id, winter, summer] = r.stdout.trim().split(' ');
      const z = resolveJvmZone({ tz: c.tz, userTimezone: c.prop });
      assert.ok(z, JSON.stringify(c));
      assert.deepEqual([z.offsetAt(WINTER), z.offsetAt(SUMMER)], [Number(winter), Number(summer)], `${JSON.stringify(c)}: java says ${id}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wall-clock stamps to UTC, and what cannot be settled', () => {
  const ny = resolveJvmZone({ tz: 'America/New_York' })!;
  // 23 Mar 2023 09:00 in New York is daylight time (UTC-4); 15 Jan is standard time (UTC-5).
  assert.equal(wallToUtc(ny, Date.UTC(2023, 2, 23, 9)), Date.UTC(2023, 2, 23, 13));
  assert.equal(wallToUtc(ny, Date.UTC(2023, 0, 15, 9)), Date.UTC(2023, 0, 15, 14));
  assert.equal(resolveJvmZone({}), undefined, 'no TZ, no user.timezone: /etc/localtime decides, unseen');
  assert.equal(resolveJvmZone({ userTimezone: 'UTC+8' }), undefined, 'an unknown id falls back to the OS zone, unseen');
  assert.equal(resolveJvmZone({ tz: 'EST5EDT,M3.2.0,M11.1.0' }), undefined, 'POSIX daylight rules are not modelled');
  assert.equal(formatOffset(480), 'UTC+08:00');
  assert.equal(formatOffset(-330), 'UTC-05:30');
});
