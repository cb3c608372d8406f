package demo.plugins;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bug this scenario reproduces: a multi-tenant plugin host that loads the tenant's plugin through a
 * new URLClassLoader on every (re)load, and keeps every loader in a static registry "for diagnostics".
 * A class loader that stays reachable keeps every class it defined in metaspace, so metaspace grows
 * with each reload until {@code OutOfMemoryError: Metaspace} (capped by -XX:MaxMetaspaceSize).
 */
public final class PluginHost {
    /** tenant-reload id → its loader. Never pruned: this is the leak. */
    static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();
    private static final List<Object> PLUGINS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path pluginDir = Path.of(args[0]);
        System.out.println("plugin-host started, pid " + ProcessHandle.current().pid());
        Thread reloader = new Thread(() -> reloadForever(pluginDir), "plugin-reloader");
        reloader.start();
        reloader.join();
        // StringBuilder, not "+": javac compiles "+" to an invokedynamic call site whose first use defines
        // new classes, which is impossible once metaspace is exhausted (the main thread would die too).
        System.out.println(new StringBuilder("plugin-host: reloader stopped; ").append(LOADERS.size())
                .append(" plugin class loaders still registered"));
        Thread.sleep(Long.MAX_VALUE); // the process stays up until the runner stops it
    }

    private static void reloadForever(Path pluginDir) {
        URL[] urls;
        try {
            urls = new URL[] { pluginDir.toUri().toURL() };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int reload = 1; ; reload++) {
            String id = "tenant-" + (reload % 50) + "#" + reload;
            URLClassLoader loader = new URLClassLoader("plugin-" + id, urls, PluginHost.class.getClassLoader());
            LOADERS.put(id, loader);
            try {
                Class<?> type = loader.loadClass("demo.plugin.PricingRules");
                Object plugin = type.getConstructor().newInstance();
                synchronized (PLUGINS) {
                    PLUGINS.add(plugin);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (reload % 200 == 0) System.out.println("reloaded plugins " + reload + " times, " + LOADERS.size() + " loaders registered");
        }
    }
}
