// What a scenario needs from the machine. A missing tool is not a scenario failure: the runner reports
// it as "skipped: <what to install>" and the tests skip with the same message.

import { spawnSync } from 'node:child_process';

export class MissingPrerequisite extends Error {
  constructor(message) {
    super(message);
    this.name = 'MissingPrerequisite';
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** javac, jcmd, jstat (a JDK, not a JRE) and procps's free/top. */
export function checkJdkPrerequisites() {
  const missingJdk = ['java', 'javac', 'jcmd', 'jstat'].filter((c) => !onPath(c));
  if (missingJdk.length) throw new MissingPrerequisite(`${missingJdk.join(', ')} not found: a JDK 17 is needed (apt-get install openjdk-17-jdk-headless)`);
  const missingProcps = ['free', 'top'].filter((c) => !onPath(c));
  if (missingProcps.length) throw new MissingPrerequisite(`${missingProcps.join(', ')} not found (apt-get install procps)`);
}
