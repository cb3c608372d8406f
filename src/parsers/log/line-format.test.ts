import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHeader, parseJulBody } from './line-format.js';

test('Tomcat OneLineFormatter header with a localized level and a bracketed thread name', () => {
  const line = '23-Mar-2023 13:12:50.636 警告 [Catalina-utility-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads Web应用程序[xxx]似乎启动了';
  const h = parseHeader(line)!;
  assert.equal(h.format, 'tomcat-oneline');
  assert.equal(h.level, 'WARNING');
  assert.equal(h.levelText, '警告');
  assert.equal(h.thread, 'Catalina-utility-1');
  assert.equal(h.logger, 'org.apache.catalina.loader.WebappClassLoaderBase');
  assert.equal(h.method, 'clearReferencesThreads');
  assert.equal(line.slice(h.messageStart), 'Web应用程序[xxx]似乎启动了');

  const odd = parseHeader('23-Mar-2023 13:12:50.636 Plus précis [pool] x] y] a.B.c msg')!;
  assert.equal(odd.levelText, 'Plus précis');
  assert.equal(odd.level, 'FINER');
  assert.equal(odd.thread, 'pool] x] y');
  assert.equal(odd.method, 'c');
});

test('JUL SimpleFormatter two-line records', () => {
  const h = parseHeader('Mar 23, 2023 1:12:50 PM org.apache.catalina.loader.WebappClassLoaderBase clearReferencesThreads')!;
  assert.equal(h.format, 'jul-simple');
  assert.equal(h.logger, 'org.apache.catalina.loader.WebappClassLoaderBase');
  assert.equal(h.method, 'clearReferencesThreads');
  assert.deepEqual(parseJulBody('警告: Web应用程序[xxx]'), { level: 'WARNING', levelText: '警告', messageStart: 4 });
  assert.equal(parseJulBody('SEVERE: x')!.level, 'SEVERE');
  assert.equal(parseJulBody('Hello: x'), undefined);
});

test('Spring Boot, Logback and plain ISO lines', () => {
  const sb = '2023-03-23 13:12:50.636  WARN 1 --- [           main] o.a.c.loader.WebappClassLoaderBase       : The web application [ROOT] appears';
  const h = parseHeader(sb)!;
  assert.equal(h.format, 'spring-boot');
  assert.equal(h.level, 'WARNING');
  assert.equal(h.thread, 'main');
  assert.equal(h.logger, 'o.a.c.loader.WebappClassLoaderBase');
  assert.equal(sb.slice(h.messageStart), 'The web application [ROOT] appears');

  const lb = '2023-03-23 13:12:50.636 [http-nio-8080-exec-1] ERROR com.example.Api - Request failed';
  const l = parseHeader(lb)!;
  assert.equal(l.format, 'logback');
  assert.equal(l.level, 'SEVERE');
  assert.equal(l.levelText, 'ERROR');
  assert.equal(l.thread, 'http-nio-8080-exec-1');
  assert.equal(l.logger, 'com.example.Api');
  assert.equal(lb.slice(l.messageStart), 'Request failed');

  const l4 = parseHeader('2023-03-23 13:12:50,636 ERROR [main] com.example.Api - boom')!;
  assert.equal(l4.format, 'logback');
  assert.equal(l4.logger, 'com.example.Api');

  assert.equal(parseHeader('2023-03-23T13:12:50Z something happened')!.format, 'iso8601');
  assert.equal(parseHeader('Mar 23 13:12:50 host kernel: Out of memory')!.format, 'syslog');
  assert.equal(parseHeader('java.lang.OutOfMemoryError: Java heap space'), undefined);
});
