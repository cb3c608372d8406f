// A small allocation workload that makes a JVM's GC log say something true: run with
//   java -Xlog:gc*:file=gc.log:time,uptime,level,tags -Xmx64m GcWorkload <mode> <seconds>
// Modes:
//   steady      churn only: short-lived garbage plus a ring of medium-lived objects (old-gen garbage)
//   leak        the same churn, and a static list that keeps 1 MB more every 100 ms (until OOM)
//   undersized  the same churn over a fixed live set of 72 % of the max heap (flat, near the ceiling)
//   humongous   churn plus 2 MB arrays (humongous in G1's 1 MB regions)
//   sysgc       steady churn with System.gc() every 500 ms
import java.util.ArrayList;
import java.util.List;

public class GcWorkload {
    static final List<byte[]> RETAINED = new ArrayList<>();
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "steady";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        long max = Runtime.getRuntime().maxMemory();
        if (mode.equals("undersized")) {
            long target = (long) (max * (args.length > 2 ? Double.parseDouble(args[2]) : 0.72));
            for (long held = 0; held < target; held += 256 * 1024) RETAINED.add(new byte[256 * 1024]);
        }
        byte[][] ring = new byte[512][];
        int r = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long nextLeak = System.nanoTime();
        long nextGc = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2000; i++) {
                byte[] b = new byte[256 + (i % 32) * 64];
                sink += b.length;
            }
            ring[r] = new byte[8 * 1024];
            r = (r + 1) % ring.length;
            long now = System.nanoTime();
            if (mode.equals("leak") && now >= nextLeak) {
                RETAINED.add(new byte[1024 * 1024]);
                nextLeak = now + 100_000_000L;
            }
            if (mode.equals("humongous") && (r % 64) == 0) sink += new byte[2 * 1024 * 1024].length;
            if (mode.equals("sysgc") && now >= nextGc) {
                System.gc();
                nextGc = now + 500_000_000L;
            }
            Thread.sleep(0, 200_000);
        }
        System.out.println("done " + mode + " retained=" + RETAINED.size());
    }
}
