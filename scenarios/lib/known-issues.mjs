// Bugs the scenarios found in jvmdoctor that are reported and not fixed yet. An expectation that carries
// one of these as `todo` is reported as a todo instead of failing; when the bug is fixed, set the entry
// to undefined (or delete it and its uses) and the expectation becomes a real assertion again.

/** `jcmd <pid> GC.class_histogram` is read as a log, and its row for the JVM's preallocated
 *  `java.lang.OutOfMemoryError (java.base@17…)` instances counts as an OutOfMemoryError (oom-other):
 *  a critical out-of-memory-error finding for every JVM whose class histogram is in the evidence. */
export const HISTOGRAM_ROW_READ_AS_OOM =
  'known bug: the GC.class_histogram row "java.lang.OutOfMemoryError (java.base@…)" is read as an OutOfMemoryError (oom-other, critical)';

/** The same Tomcat leak warnings in catalina.out and catalina.YYYY-MM-DD.log (the console and the file
 *  handler log the same records) are counted twice, and reloads seconds apart are one stop event
 *  (events are clustered with a 60 s gap). */
export const TOMCAT_LEAK_COUNTS =
  'known bug: leak warnings duplicated across catalina.out and catalina.<date>.log are counted twice, and reloads seconds apart count as one stop event';
