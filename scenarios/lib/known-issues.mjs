// Bugs the scenarios found in jvmdoctor that are reported and not fixed yet. An expectation that carries
// one of these as `todo` is reported as a todo instead of failing; when the bug is fixed, delete the entry
// and its uses and the expectation becomes a real assertion again.
//
// None open. Fixed so far (their todos are gone): a class histogram's row for the preallocated
// java.lang.OutOfMemoryError read as an OOM; heap suspects naming the application class loader instead of
// the class whose static field holds the memory; no analysis of stopped web-app class loaders; Tomcat leak
// warnings counted twice across catalina.out and localhost.log.
