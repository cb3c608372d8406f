import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redactor, isSecretName } from './redact.js';

test('the issue\'s secret shapes are redacted, with names (never values) listed', () => {
  const r = new Redactor();
  const text = [
    'java -Ddb.password=hunter22 -Djavax.net.ssl.keyStore=/etc/ks.jks -Djavax.net.ssl.keyStorePassword="changeit" --spring.datasource.password=s3cret! -Xmx1g -jar app.jar',
    'JAVA_OPTS="-Xmx2g -Dapi.token=abcd1234"',
    'DB_URL=jdbc:postgresql://admin:pa55word@db:5432/x',
    'jdbc:sqlserver://h;user=sa;password=Sqlpass1;',
    'Authorization: Bearer eyJhbGciOi.xxx',
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG',
    'id AKIAIOSFODNN7EXAMPLE',
    '<Connector keystorePass="tomcatks" port="8443"/>',
    'export CATALINA_OPTS="$CATALINA_OPTS -Xms512m"',
    '"Env": ["DB_PASSWORD=envpw123", "PATH=/usr/bin"]',
    'log: connecting with hunter22 now',
  ].join('\n');
  const out = r.redact(text, 'f.txt');
  for (const secret of ['hunter22', 'changeit', 's3cret!', 'abcd1234', 'pa55word', 'Sqlpass1', 'eyJhbGciOi.xxx', 'wJalrXUtnFEMI/K7MDENG', 'IOSFODNN7EXAMPLE', 'tomcatks', 'envpw123']) {
    assert.ok(!out.includes(secret), `${secret} is gone:\n${out}`);
  }
  // What is not a secret stays, so the diagnosis still sees it.
  for (const kept of ['-Djavax.net.ssl.keyStore=/etc/ks.jks', '-Xmx1g', 'export CATALINA_OPTS="$CATALINA_OPTS -Xms512m"', 'PATH=/usr/bin', 'jdbc:postgresql://admin:***@db:5432/x']) {
    assert.ok(out.includes(kept), `${kept} kept`);
  }
  const names = r.redactions.map((x) => x.name);
  for (const n of ['-Ddb.password', '-Djavax.net.ssl.keyStorePassword', '--spring.datasource.password', 'URL credentials (user:password@)', 'Authorization header', 'AWS access key id', 'keystorePass', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY']) {
    assert.ok(names.includes(n), `${n} listed (${names.join(', ')})`);
  }
  assert.ok(!JSON.stringify(r.redactions).includes('hunter22'));
  assert.ok(r.redactions.some((x) => x.name.includes('verbatim')), 'the -D password found again in the log line');
});

test('a secret learned in one file is removed from another', () => {
  const r = new Redactor();
  r.learn('-Dmy.secret=Zebra-Quartz-77');
  assert.equal(r.redact('thread "worker-Zebra-Quartz-77" started', 'dump.txt'), 'thread "worker-***" started');
});

test('names: passwords, tokens, keys are secrets; key store paths and aliases are not', () => {
  for (const n of ['db.password', 'API_TOKEN', 'aws.secret.key', 'client_secret', 'javax.net.ssl.trustStorePassword', 'private_key', 'AUTH']) assert.ok(isSecretName(n), n);
  for (const n of ['javax.net.ssl.keyStore', 'PATH', 'catalina.base', 'monkey', 'keyboard.layout']) assert.equal(isSecretName(n), false, n);
});
