// A cache that grows on request (test/e2e/heap-diff.test.ts): N entries, READY; on each line read from
// stdin, N more entries, then GROWN. The test dumps the heap after READY and after GROWN, so the
// second dump holds exactly N more GrowingCache$Entry objects, reached through the same fields.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;

public class GrowingCache {
    static final class Entry {
        final String key;
        final byte[] payload = new byte[512];
        Entry(String key) { this.key = key; }
    }

    static final Map<String, Entry> CACHE = new HashMap<>();
    static int next;

    static void grow(int n) {
        for (int i = 0; i < n; i++, next++) {
            String k = "key-" + next;
            CACHE.put(k, new Entry(k));
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        grow(n);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        while (in.readLine() != null) {
            grow(n);
            System.out.println("GROWN");
        }
        Thread.sleep(600_000);
    }
}
