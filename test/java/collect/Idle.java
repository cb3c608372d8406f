// A JVM that stays up for collect tests: allocates a little (so the GC counters move), prints a line
// to stdout now and then, and exits by itself after the given seconds (a leak-proof upper bound).
import java.util.ArrayList;
import java.util.List;

public class Idle {
    static final List<byte[]> keep = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        long end = System.currentTimeMillis() + seconds * 1000L;
        System.out.println("Idle started");
        System.out.flush();
        int i = 0;
        while (System.currentTimeMillis() < end) {
            keep.add(new byte[64 * 1024]);
            if (keep.size() > 200) keep.subList(0, 100).clear();
            if (++i % 50 == 0) System.out.println("Idle tick " + i);
            Thread.sleep(20);
        }
    }
}
