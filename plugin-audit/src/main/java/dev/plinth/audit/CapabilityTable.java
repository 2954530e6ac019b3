package dev.plinth.audit;

import dev.plinth.manifest.Capability;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which JDK members use which capability. A rule names an owner (internal name) and a member name,
 * or the whole owner. Members are matched by owner and name only: overloads
 * share a capability. Calls on a subclass of a listed owner are caught where the subclass calls the
 * listed constructor ({@code super(...)}), which every subclass must. Immutable.
 */
final class CapabilityTable {
  /** Members whose target is named by a string argument; see {@link ClassAudit}. */
  static final Set<String> LOOKUPS_BY_NAME = Set.of(
      "java/lang/Class.forName", "java/lang/ClassLoader.loadClass",
      "java/lang/Class.getMethod", "java/lang/Class.getDeclaredMethod",
      "java/lang/Class.getField", "java/lang/Class.getDeclaredField",
      "java/lang/invoke/MethodHandles$Lookup.findVirtual", "java/lang/invoke/MethodHandles$Lookup.findStatic",
      "java/lang/invoke/MethodHandles$Lookup.findSpecial", "java/lang/invoke/MethodHandles$Lookup.findGetter",
      "java/lang/invoke/MethodHandles$Lookup.findSetter", "java/lang/invoke/MethodHandles$Lookup.findStaticGetter",
      "java/lang/invoke/MethodHandles$Lookup.findStaticSetter", "java/lang/invoke/MethodHandles$Lookup.findVarHandle",
      "java/lang/invoke/MethodHandles$Lookup.findStaticVarHandle", "java/lang/invoke/MethodHandles$Lookup.findClass");

  /** Lookups whose string is a class name (checked against the table when it is a constant). */
  static final Set<String> CLASS_LOOKUPS = Set.of(
      "java/lang/Class.forName", "java/lang/ClassLoader.loadClass", "java/lang/invoke/MethodHandles$Lookup.findClass");

  private static final Map<String, Capability> RULES = new HashMap<>();
  private static final Map<String, Capability> OWNERS = new HashMap<>();
  private static final Map<String, Capability> CLASSES = new HashMap<>();
  /** Every owner with a rule or a lookup: a class referring to none of them needs no closer look. */
  private static final java.util.Set<String> OWNERS_OF_INTEREST = new java.util.HashSet<>();

  static {
    rule(Capability.NETWORK, "java/net/Socket", "<init>", "connect");
    rule(Capability.NETWORK, "java/net/ServerSocket", "<init>", "bind");
    rule(Capability.NETWORK, "java/net/DatagramSocket", "<init>", "connect", "send");
    rule(Capability.NETWORK, "java/net/MulticastSocket", "<init>");
    rule(Capability.NETWORK, "java/net/URL", "openConnection", "openStream", "getContent");
    rule(Capability.NETWORK, "java/net/InetAddress", "getByName", "getAllByName", "getLocalHost");
    rule(Capability.NETWORK, "java/net/http/HttpClient", "newHttpClient", "newBuilder");
    rule(Capability.NETWORK, "javax/net/SocketFactory", "getDefault", "createSocket");
    rule(Capability.NETWORK, "javax/net/ServerSocketFactory", "getDefault", "createServerSocket");
    rule(Capability.NETWORK, "javax/net/ssl/SSLSocketFactory", "getDefault", "createSocket");
    for (String channel : new String[] {"SocketChannel", "ServerSocketChannel", "DatagramChannel",
        "AsynchronousSocketChannel", "AsynchronousServerSocketChannel"}) {
      rule(Capability.NETWORK, "java/nio/channels/" + channel, "open");
    }

    rule(Capability.PROCESS, "java/lang/ProcessBuilder", "<init>", "start", "startPipeline");
    rule(Capability.PROCESS, "java/lang/Runtime", "exec");
    rule(Capability.PROCESS, "java/lang/ProcessHandle", "of", "allProcesses", "destroy", "destroyForcibly");

    rule(Capability.EXIT, "java/lang/System", "exit");
    rule(Capability.EXIT, "java/lang/Runtime", "exit", "halt");

    rule(Capability.NATIVE, "java/lang/System", "load", "loadLibrary");
    rule(Capability.NATIVE, "java/lang/Runtime", "load", "loadLibrary");
    rule(Capability.NATIVE, "java/lang/foreign/Linker", "nativeLinker");
    rule(Capability.NATIVE, "java/lang/foreign/SymbolLookup", "libraryLookup");

    for (String owner : new String[] {"java/lang/reflect/AccessibleObject", "java/lang/reflect/Field",
        "java/lang/reflect/Method", "java/lang/reflect/Constructor", "java/lang/reflect/Executable"}) {
      rule(Capability.REFLECTION, owner, "setAccessible", "trySetAccessible");
    }
    rule(Capability.REFLECTION, "java/lang/invoke/MethodHandles", "privateLookupIn");
    owner(Capability.REFLECTION, "sun/misc/Unsafe");
    owner(Capability.REFLECTION, "jdk/internal/misc/Unsafe");

    rule(Capability.CLASSLOADER, "java/lang/ClassLoader", "<init>");
    rule(Capability.CLASSLOADER, "java/security/SecureClassLoader", "<init>");
    rule(Capability.CLASSLOADER, "java/net/URLClassLoader", "<init>", "newInstance");
    rule(Capability.CLASSLOADER, "java/lang/invoke/MethodHandles$Lookup", "defineClass", "defineHiddenClass");

    rule(Capability.FILESYSTEM, "java/io/File", "<init>", "createTempFile", "listRoots");
    for (String stream : new String[] {"FileInputStream", "FileOutputStream", "RandomAccessFile", "FileReader",
        "FileWriter"}) {
      rule(Capability.FILESYSTEM, "java/io/" + stream, "<init>");
    }
    owner(Capability.FILESYSTEM, "java/nio/file/Files");
    rule(Capability.FILESYSTEM, "java/nio/file/FileSystems", "getDefault", "newFileSystem", "getFileSystem");
    rule(Capability.FILESYSTEM, "java/nio/channels/FileChannel", "open");
    rule(Capability.FILESYSTEM, "java/nio/channels/AsynchronousFileChannel", "open");

    rule(Capability.THREADS, "java/lang/Thread", "<init>", "ofPlatform", "ofVirtual", "startVirtualThread");
    rule(Capability.THREADS, "java/util/concurrent/Executors", "newFixedThreadPool", "newCachedThreadPool",
        "newSingleThreadExecutor", "newScheduledThreadPool", "newSingleThreadScheduledExecutor",
        "newWorkStealingPool", "newVirtualThreadPerTaskExecutor", "newThreadPerTaskExecutor");
    rule(Capability.THREADS, "java/util/concurrent/ThreadPoolExecutor", "<init>");
    rule(Capability.THREADS, "java/util/concurrent/ScheduledThreadPoolExecutor", "<init>");
    rule(Capability.THREADS, "java/util/concurrent/ForkJoinPool", "<init>");
    rule(Capability.THREADS, "java/util/Timer", "<init>");

    rule(Capability.JVM_STATE, "java/lang/System", "setProperty", "clearProperty", "setProperties", "setOut",
        "setErr", "setIn", "setSecurityManager");
    rule(Capability.JVM_STATE, "java/lang/Runtime", "addShutdownHook", "removeShutdownHook");
    rule(Capability.JVM_STATE, "java/lang/Thread", "setDefaultUncaughtExceptionHandler");
    rule(Capability.JVM_STATE, "java/security/Security", "addProvider", "insertProviderAt", "removeProvider",
        "setProperty");
    rule(Capability.JVM_STATE, "java/net/URL", "setURLStreamHandlerFactory");
    rule(Capability.JVM_STATE, "java/net/URLConnection", "setContentHandlerFactory", "setFileNameMap",
        "setDefaultUseCaches");
    rule(Capability.JVM_STATE, "java/net/Authenticator", "setDefault");
    rule(Capability.JVM_STATE, "java/net/ProxySelector", "setDefault");
    rule(Capability.JVM_STATE, "java/net/CookieHandler", "setDefault");
    rule(Capability.JVM_STATE, "java/net/ResponseCache", "setDefault");
    rule(Capability.JVM_STATE, "javax/net/ssl/SSLContext", "setDefault");
    rule(Capability.JVM_STATE, "javax/net/ssl/HttpsURLConnection", "setDefaultSSLSocketFactory",
        "setDefaultHostnameVerifier");
    rule(Capability.JVM_STATE, "java/util/Locale", "setDefault");
    rule(Capability.JVM_STATE, "java/util/TimeZone", "setDefault");
    rule(Capability.JVM_STATE, "java/sql/DriverManager", "registerDriver", "deregisterDriver");

    for (String lookup : LOOKUPS_BY_NAME) {
      RULES.put(lookup, Capability.DYNAMIC);
    }
    for (String member : RULES.keySet()) {
      OWNERS_OF_INTEREST.add(member.substring(0, member.indexOf('.')));
    }
    OWNERS_OF_INTEREST.addAll(OWNERS.keySet());
  }

  private CapabilityTable() {}

  private static void rule(Capability c, String owner, String... names) {
    CLASSES.putIfAbsent(owner, c);
    for (String name : names) {
      RULES.put(owner + "." + name, c);
    }
  }

  private static void owner(Capability c, String owner) {
    OWNERS.put(owner, c);
    CLASSES.put(owner, c);
  }

  /** Whether any rule or lookup names this owner (internal name). */
  static boolean isOwnerOfInterest(String owner) {
    return OWNERS_OF_INTEREST.contains(owner);
  }

  /** The capability a call to or read of {@code owner.name} uses, or null. */
  static @Nullable Capability of(String owner, String name) {
    if (!OWNERS_OF_INTEREST.contains(owner)) {
      return null;
    }
    Capability whole = OWNERS.get(owner);
    return whole != null ? whole : RULES.get(owner + "." + name);
  }

  /**
   * The capability a class looked up by this constant name stands for, or null: the whole-owner
   * entries and owners with rules (e.g. {@code Class.forName("sun.misc.Unsafe")}).
   */
  static @Nullable Capability ofClassName(String dottedName) {
    return CLASSES.get(dottedName.replace('.', '/'));
  }
}
