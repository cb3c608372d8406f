// Loaded by its own URLClassLoader in Retention.java: a class-loader-held static.
public class Leaky {
    static byte[] BLOB;
    public static void fill(int bytes) { BLOB = new byte[bytes]; }
}
