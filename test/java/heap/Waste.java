// A heap with known waste (test/e2e/heap-waste.test.ts): 1,000 copies of one Latin-1 string and 300 of
// one UTF-16 string, 500 emptied HashMaps (table of 16 allocated), 200 ArrayLists of capacity 100
// holding 2 elements, 10,000 boxed Integers in a list, a 1 MB all-zero byte[], and three 4 MB direct
// buffers held by a static list. Prints READY, then sleeps until killed.
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

public class Waste {
    static final List<String> LATIN = new ArrayList<>();
    static final List<String> UTF16 = new ArrayList<>();
    static final List<HashMap<String, String>> EMPTY_MAPS = new ArrayList<>();
    static final List<ArrayList<String>> SPARSE_LISTS = new ArrayList<>();
    static final List<Integer> BOXES = new ArrayList<>();
    static byte[] ZEROS;
    static final List<ByteBuffer> BUFFERS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        char[] latin = "duplicate-me-please".toCharArray();
        char[] utf16 = "дубликат-ЮТФ16".toCharArray();
        for (int i = 0; i < 1000; i++) LATIN.add(new String(latin));
        for (int i = 0; i < 300; i++) UTF16.add(new String(utf16));
        for (int i = 0; i < 500; i++) {
            HashMap<String, String> m = new HashMap<>();
            m.put("k", "v");
            m.remove("k");
            EMPTY_MAPS.add(m);
        }
        for (int i = 0; i < 200; i++) {
            ArrayList<String> l = new ArrayList<>(100);
            l.add("a");
            l.add("b");
            SPARSE_LISTS.add(l);
        }
        for (int i = 0; i < 10_000; i++) BOXES.add(1000 + i);
        ZEROS = new byte[1024 * 1024];
        for (int i = 0; i < 3; i++) BUFFERS.add(ByteBuffer.allocateDirect(4 * 1024 * 1024));
        System.out.println("READY");
        Thread.sleep(600_000);
    }
}
