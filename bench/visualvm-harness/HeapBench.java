// The peer in bench/heap.sh: VisualVM's own heap library (Debian package `visualvm`,
// /usr/share/visualvm/visualvm/modules/org-graalvm-visualvm-lib-jfluid-heap.jar), driven the way its
// heap viewer does when a dump is opened: parse the dump (HeapFactory.createHeap), build the class
// histogram (instances and shallow bytes per class), then ask for the biggest objects by retained size
// (Heap.getBiggestObjectsByRetainedSize, which computes the nearest-GC-root tree and the dominator tree).
//
// Usage: java -cp <jfluid-heap.jar>:<classes> HeapBench <dump.hprof> [--top N] [--retained-by-class]
//   --retained-by-class  also asks JavaClass.getRetainedSizeByClass() for every class (the histogram's
//                        retained column); off by default, so the peer does exactly the work named in
//                        issue 3 and no more.
//
// It prints the histogram head, the biggest objects, and one `timing <phase> <seconds>` line per phase
// plus `timing total <seconds>`, which bench/heap.sh reads. The library keeps its index files in
// `<dump>.hwcache/` beside the dump; bench/heap.sh deletes that folder before and after each run so every
// peer run is a cold, first open.
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.graalvm.visualvm.lib.jfluid.heap.Heap;
import org.graalvm.visualvm.lib.jfluid.heap.HeapFactory;
import org.graalvm.visualvm.lib.jfluid.heap.HeapSummary;
import org.graalvm.visualvm.lib.jfluid.heap.Instance;
import org.graalvm.visualvm.lib.jfluid.heap.JavaClass;

public final class HeapBench {
    private static final class Row {
        final JavaClass javaClass;
        final String className;
        final long instances;
        final long shallowBytes;
        long retainedBytes = -1;

        Row(JavaClass javaClass, long instances, long shallowBytes) {
            this.javaClass = javaClass;
            this.className = javaClass.getName();
            this.instances = instances;
            this.shallowBytes = shallowBytes;
        }
    }

    private static long lastMark;

    private static void mark(String phase) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "timing %s %.3f%n", phase, (now - lastMark) / 1e9);
        System.out.flush();
        lastMark = now;
    }

    public static void main(String[] args) throws Exception {
        String dump = null;
        int top = 20;
        boolean retainedByClass = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--top":
                    top = Integer.parseInt(args[++i]);
                    break;
                case "--retained-by-class":
                    retainedByClass = true;
                    break;
                default:
                    if (dump != null || args[i].startsWith("--")) {
                        System.err.println("usage: HeapBench <dump.hprof> [--top N] [--retained-by-class]");
                        System.exit(2);
                    }
                    dump = args[i];
            }
        }
        if (dump == null || !new File(dump).isFile()) {
            System.err.println("HeapBench: no dump file given or not a file: " + dump);
            System.exit(2);
        }

        long start = System.nanoTime();
        lastMark = start;

        Heap heap = HeapFactory.createHeap(new File(dump));
        mark("parse");

        List<JavaClass> classes = heap.getAllClasses();
        List<Row> histogram = new ArrayList<>(classes.size());
        long objects = 0;
        long shallowBytes = 0;
        for (JavaClass javaClass : classes) {
            Row row = new Row(javaClass, javaClass.getInstancesCount(), javaClass.getAllInstancesSize());
            objects += row.instances;
            shallowBytes += row.shallowBytes;
            histogram.add(row);
        }
        histogram.sort(Comparator.comparingLong((Row r) -> r.shallowBytes).reversed());
        mark("histogram");

        List<Instance> biggest = heap.getBiggestObjectsByRetainedSize(top);
        mark("retained");

        if (retainedByClass) {
            for (Row row : histogram) {
                row.retainedBytes = row.javaClass.getRetainedSizeByClass();
            }
            mark("retainedByClass");
        }

        System.out.printf(Locale.ROOT, "timing total %.3f%n", (System.nanoTime() - start) / 1e9);

        HeapSummary summary = heap.getSummary();
        System.out.printf(Locale.ROOT, "summary classes=%d objects=%d shallowBytes=%d liveInstances=%d liveBytes=%d%n",
                classes.size(), objects, shallowBytes, summary.getTotalLiveInstances(), summary.getTotalLiveBytes());
        System.out.println("histogram (top 15 by shallow bytes):");
        for (int i = 0; i < Math.min(15, histogram.size()); i++) {
            Row row = histogram.get(i);
            System.out.printf(Locale.ROOT, "  %12d %14d %14s  %s%n", row.instances, row.shallowBytes,
                    row.retainedBytes < 0 ? "-" : Long.toString(row.retainedBytes), row.className);
        }
        System.out.println("biggest objects by retained size:");
        for (Instance instance : biggest) {
            System.out.printf(Locale.ROOT, "  0x%x %14d retained %10d shallow  %s%n", instance.getInstanceId(),
                    instance.getRetainedSize(), instance.getSize(), instance.getJavaClass().getName());
        }
    }
}
