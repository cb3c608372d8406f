package demo.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bug this scenario reproduces: a "pool" of direct (off-heap) buffers that hands buffers out and
 * never gets them back. Each DirectByteBuffer is a tiny object on the heap but 1 MB of native memory,
 * so the heap looks healthy while direct memory hits -XX:MaxDirectMemorySize and
 * ByteBuffer.allocateDirect fails with "Cannot reserve … bytes of direct buffer memory".
 */
public final class FrameBufferPool {
    static final int FRAME_BYTES = 1024 * 1024;
    private static final List<ByteBuffer> BORROWED = new ArrayList<>();

    private FrameBufferPool() {}

    /** Hands out a fresh direct buffer and remembers it "to recycle later" — which never happens. */
    public static synchronized ByteBuffer borrow() {
        ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_BYTES);
        BORROWED.add(frame);
        return frame;
    }

    public static synchronized int borrowed() {
        return BORROWED.size();
    }
}
