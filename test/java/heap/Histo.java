import java.util.*;
import java.util.concurrent.*;

// A program with a varied heap, used to compare our shallow sizes with jcmd GC.class_histogram.
// It prints READY and waits (reading stdin) so the test can run jcmd on a quiescent JVM.
public class Histo {
    static final Map<String, Object> MAP = new HashMap<>();
    static final List<Object> LIST = new ArrayList<>();
    static long aLong = 1; static int anInt = 2; static byte aByte = 3; static Object ref = new Object();

    static class A { long l; Object o; }
    static class B extends A { boolean b; byte c; }
    static class C extends B { int i; short s; char ch; double d; }
    static class D { byte x; }
    static class E extends D { long y; }
    static class T extends Thread { int extra; T() { super("worker-T"); } public void run() { try { Thread.sleep(1_000_000); } catch (InterruptedException e) {} } }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 1000; i++) MAP.put("key-" + i, new byte[i % 64]);
        for (int i = 0; i < 200; i++) { LIST.add(new A()); LIST.add(new B()); LIST.add(new C()); LIST.add(new D()); LIST.add(new E()); }
        LIST.add(new int[7]); LIST.add(new long[3]); LIST.add(new char[5]); LIST.add(new int[3][4]); LIST.add(new String[9]);
        LIST.add(new ConcurrentHashMap<>(Map.of("a", 1, "b", 2))); LIST.add(new LinkedList<>(List.of(1, 2, 3)));
        LIST.add(new TreeMap<>(Map.of(1, "x", 2, "y"))); LIST.add(Optional.of("z")); LIST.add(new boolean[11]); LIST.add(new double[2]);
        Thread t = new T(); t.setDaemon(true); t.start();
        System.out.println("READY");
        System.out.flush();
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine() == null) Thread.sleep(Long.MAX_VALUE);
    }
}
