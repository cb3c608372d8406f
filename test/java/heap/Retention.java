import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;

// Objects whose retained sizes are known by construction (see test/e2e/heap-retention.test.ts).
// Each structure hangs off one holder class with a single instance, so the histogram's retained
// bytes for that class equal the holder's retained size. Prints READY, then waits.
public class Retention {
    // 1. A map of N entries, each value a byte[K]. Keys are Integers >= 1000 (not from the cache).
    static final class MapHolder { final Map<Integer, byte[]> map = new HashMap<>(256); }
    // 2. A chain of CHAIN nodes, each with a byte[100] payload.
    static final class ChainHead { ChainNode first; }
    static final class ChainNode { ChainNode next; byte[] payload = new byte[100]; }
    // 3. A diamond: top -> left, right; left -> bottom; right -> bottom; bottom -> byte[1000].
    static final class DiamondTop { DiamondSide left, right; }
    static final class DiamondSide { DiamondBottom bottom; }
    static final class DiamondBottom { byte[] data = new byte[1000]; }

    static final int N = 100, K = 1000, CHAIN = 100_000;
    static MapHolder MAP;
    static ChainHead CHAIN_HEAD;
    static DiamondTop DIAMOND;
    static ClassLoader LOADER;
    static final ThreadLocal<byte[]> LOCAL = new ThreadLocal<>();

    public static void main(String[] args) throws Exception {
        // 6. System properties (read from System.props in the dump): non-Latin-1 text makes the String
        //    UTF-16 (coder 1); '=' and ':' are escaped in jcmd VM.system_properties' output.
        System.setProperty("jvmdoctor.probe", "\u03c0 \u2248 3.14159 = \u00fc:ok");
        System.setProperty("jvmdoctor.latin", "caf\u00e9");

        MAP = new MapHolder();
        for (int i = 0; i < N; i++) MAP.map.put(1000 + i, new byte[K]);

        CHAIN_HEAD = new ChainHead();
        ChainNode prev = null;
        for (int i = 0; i < CHAIN; i++) {
            ChainNode n = new ChainNode();
            if (prev == null) CHAIN_HEAD.first = n; else prev.next = n;
            prev = n;
        }

        DIAMOND = new DiamondTop();
        DiamondBottom bottom = new DiamondBottom();
        DIAMOND.left = new DiamondSide();
        DIAMOND.right = new DiamondSide();
        DIAMOND.left.bottom = bottom;
        DIAMOND.right.bottom = bottom;
        bottom = null;

        // 4. A class loaded by its own loader, holding a 2 MB byte[] in a static field.
        LOADER = new URLClassLoader(new URL[] { new File(args[0]).toURI().toURL() }, null);
        Class<?> leaky = LOADER.loadClass("Leaky");
        leaky.getMethod("fill", int.class).invoke(null, 2_000_000);
        leaky = null;

        // 5. A thread holding a 3 MB byte[] in a ThreadLocal.
        Thread t = new Thread(() -> {
            LOCAL.set(new byte[3_000_000]);
            try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
        }, "tl-holder");
        t.setDaemon(true);
        t.start();
        Thread.sleep(200);

        System.out.println("READY");
        System.out.flush();
        if (new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine() == null) Thread.sleep(Long.MAX_VALUE);
    }
}
