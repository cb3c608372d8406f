// A heap where the two retained-size semantics differ by construction (test/e2e/heap-semantics.test.ts):
// a cache of 64 KB values behind SoftReferences (kept: the JVM has plenty of room), a WeakReference to
// a strongly held object, and a strong map beside them. Prints READY, then sleeps until killed.
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

public class SoftCache {
    static final class Value { final byte[] bytes = new byte[64 * 1024]; }
    static final class Holder { final List<SoftReference<Value>> soft = new ArrayList<>(); }
    static final class Strong { final HashMap<Integer, byte[]> map = new HashMap<>(); }

    static Holder HOLDER;
    static Strong STRONG;
    static Object SHARED;
    static WeakReference<Object> WEAK;

    public static void main(String[] args) throws Exception {
        HOLDER = new Holder();
        for (int i = 0; i < 32; i++) HOLDER.soft.add(new SoftReference<>(new Value()));
        STRONG = new Strong();
        for (int i = 0; i < 16; i++) STRONG.map.put(i, new byte[4096]);
        SHARED = new byte[10_000];
        WEAK = new WeakReference<>(SHARED);
        System.out.println("READY");
        Thread.sleep(600_000);
    }
}
