package dev.plinth.manifest;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the name a class file declares for itself ({@code this_class}), so a loose {@code .class}
 * file is judged by its real package wherever it sits in a bundle. Stateless and thread-safe.
 */
final class ClassFiles {
  private static final int MAGIC = 0xCAFEBABE;

  private ClassFiles() {}

  /** The binary name ({@code com.acme.Thing}) a class file declares, or empty if it is not one. */
  static Optional<String> declaredName(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        return Optional.empty();
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNameIndex = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNameIndex[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          default -> {
            return Optional.empty();
          }
        }
      }
      in.readUnsignedShort();
      int thisClass = in.readUnsignedShort();
      if (thisClass <= 0 || thisClass >= count || utf8[classNameIndex[thisClass]] == null) {
        return Optional.empty();
      }
      return Optional.of(utf8[classNameIndex[thisClass]].replace('/', '.'));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
