package demo.ingest;

/**
 * A stand-in for a network ingest service: a reader thread takes a direct frame buffer per message from
 * {@link FrameBufferPool} and never returns it. It dies with OutOfMemoryError (Cannot reserve … bytes of
 * direct buffer memory) while the process stays up, so jcmd/jstat still answer afterwards.
 */
public final class IngestService {
    public static void main(String[] args) throws Exception {
        System.out.println("ingest-service started, pid " + ProcessHandle.current().pid());
        Thread reader = new Thread(IngestService::readMessages, "ingest-reader-1");
        reader.start();
        reader.join();
        System.out.println("ingest-service: reader stopped; " + FrameBufferPool.borrowed() + " frame buffers never returned");
        Thread.sleep(Long.MAX_VALUE); // the process stays up until the runner stops it
    }

    private static void readMessages() {
        for (long message = 1; ; message++) {
            FrameBufferPool.borrow().putLong(0, message);
            if (message % 16 == 0) System.out.println("read " + message + " messages, " + FrameBufferPool.borrowed() + " frame buffers out");
            try {
                Thread.sleep(2); // a steady trickle of messages, not a tight loop
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
