package dev.plinth.audit;

import dev.plinth.manifest.Capability;
import dev.plinth.manifest.CapabilityUse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads one class file and adds a {@link CapabilityUse} for every call, method reference (a
 * {@link Handle} constant or an {@code invokedynamic} bootstrap argument) and field access the
 * {@link CapabilityTable} lists. Lambdas and string concatenation go through JDK bootstraps
 * ({@code LambdaMetafactory}, {@code StringConcatFactory}) that are not in the table, so they add
 * nothing; a method reference to a listed member is a real use and is reported.
 *
 * <p>Lookups by name ({@code Class.forName}, {@code getMethod}, {@code findVirtual}...) are
 * {@link Capability#DYNAMIC} unless the name is a string constant loaded since the last value
 * that could have come from elsewhere (a local, a field other than a primitive's {@code TYPE}, a
 * call other than {@code MethodType.methodType}); with a constant class name the class itself is
 * looked up in the table ({@code Class.forName("sun.misc.Unsafe")} is reflection). This is a
 * heuristic over the instruction stream, not data-flow analysis.
 */
final class ClassAudit extends ClassVisitor {
  private static final int CONSTANT_CLASS = 7;
  private final String location;
  private final List<CapabilityUse> out;
  private String className = "?";

  private ClassAudit(String location, List<CapabilityUse> out) {
    super(Opcodes.ASM9);
    this.location = location;
    this.out = out;
  }

  /**
   * Audits one class file.
   *
   * @throws IllegalArgumentException or another runtime exception from ASM when the bytes are not a class
   */
  static void audit(byte[] classFile, String location, List<CapabilityUse> out) {
    ClassReader reader = new ClassReader(classFile);
    if (refersToOwnerOfInterest(reader, classFile)) {
      reader.accept(new ClassAudit(location, out), ClassReader.SKIP_FRAMES);
    }
  }

  /**
   * Whether the constant pool names a class the table cares about. Every call, field access and
   * method handle names its owner through a {@code CONSTANT_Class} entry, so a class without one
   * cannot use a capability and its code need not be read: most classes of a typical jar.
   */
  private static boolean refersToOwnerOfInterest(ClassReader reader, byte[] classFile) {
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int i = 1; i < reader.getItemCount(); i++) {
      int offset = reader.getItem(i);
      if (offset > 0 && classFile[offset - 1] == CONSTANT_CLASS
          && CapabilityTable.isOwnerOfInterest(reader.readUTF8(offset, buffer))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void visit(int version, int access, String name, @Nullable String signature, @Nullable String superName,
      String @Nullable [] interfaces) {
    className = name.replace('/', '.');
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, @Nullable String signature,
      String @Nullable [] exceptions) {
    return new Calls(name + descriptor);
  }

  private final class Calls extends MethodVisitor {
    private final String method;
    private int line;
    private @Nullable String constant;

    Calls(String method) {
      super(Opcodes.ASM9);
      this.method = method;
    }

    @Override
    public void visitLineNumber(int line, Label start) {
      this.line = line;
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (value instanceof String s) {
        constant = s;
      } else if (value instanceof Handle h) {
        handle(h);
      }
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      if (opcode == Opcodes.ALOAD) {
        constant = null;
      }
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      if (!name.equals("TYPE")) {
        constant = null;
      }
      Capability c = CapabilityTable.of(owner, name);
      if (c != null && c != Capability.DYNAMIC) {
        add(c, owner + "." + name + ":" + descriptor);
      }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (CapabilityTable.isOwnerOfInterest(owner)) {
        String member = owner + "." + name;
        if (CapabilityTable.LOOKUPS_BY_NAME.contains(member)) {
          lookup(member, descriptor);
        } else {
          Capability c = CapabilityTable.of(owner, name);
          if (c != null) {
            add(c, member + descriptor);
          }
        }
      }
      if (!(name.equals("methodType") && owner.equals("java/lang/invoke/MethodType"))) {
        constant = null;
      }
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
      handle(bootstrap);
      for (Object argument : arguments) {
        if (argument instanceof Handle h) {
          handle(h);
        }
      }
      constant = null;
    }

    private void lookup(String member, String descriptor) {
      if (constant == null) {
        add(Capability.DYNAMIC, member + descriptor);
        return;
      }
      if (CapabilityTable.CLASS_LOOKUPS.contains(member)) {
        Capability c = CapabilityTable.ofClassName(constant);
        if (c != null) {
          add(c, member + "(\"" + constant + "\")");
        }
      }
    }

    private void handle(Handle h) {
      String member = h.getOwner() + "." + h.getName();
      Capability c = CapabilityTable.LOOKUPS_BY_NAME.contains(member) ? Capability.DYNAMIC
          : CapabilityTable.of(h.getOwner(), h.getName());
      if (c != null) {
        add(c, member + (h.getTag() <= Opcodes.H_PUTSTATIC ? ":" : "") + h.getDesc());
      }
    }

    private void add(Capability c, String target) {
      CapabilityUse use = new CapabilityUse(c, location, className, method, line, target);
      if (out.isEmpty() || !out.get(out.size() - 1).equals(use)) {
        out.add(use);
      }
    }
  }
}
