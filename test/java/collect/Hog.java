// Fills the heap until the container's memory limit makes the kernel's OOM killer end the JVM
// (-Xmx above the container limit): the collect tests' OOM-killed container. Touches every page.
import java.util.ArrayList;
import java.util.List;

public class Hog {
    public static void main(String[] args) throws Exception {
        List<byte[]> keep = new ArrayList<>();
        System.out.println("Hog started");
        System.out.flush();
        Thread.sleep(Integer.parseInt(args.length > 0 ? args[0] : "1500"));
        for (;;) {
            byte[] b = new byte[1024 * 1024];
            for (int i = 0; i < b.length; i += 4096) b[i] = 1;
            keep.add(b);
            if (keep.size() % 16 == 0) Thread.sleep(20);
        }
    }
}
