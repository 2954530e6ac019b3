package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index's records are built by plain constructor calls: each call must pass every component's
 * value to that component. A record that gains a component but keeps a constructor of the old
 * arity (as the manifest records do, for callers of the first release) would otherwise drop the
 * new value silently; here every component gets a value no compatibility constructor defaults to.
 */
class IndexRecordsTest {
  @Test
  void everyArrayShapedRecord_hasAPlainFactory_thatPutsEachValueInItsComponent() throws Exception {
    for (Class<? extends Record> type : IndexFormat.ARRAY_SHAPED) {
      RecordArrays.Factory factory = IndexRecords.of(type);
      assertThat(factory).as(type.getName()).isNotNull();
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getGenericType(), i);
      }

      Object built = factory.create(values);

      assertThat(built).isInstanceOf(type);
      for (int i = 0; i < components.length; i++) {
        assertThat(components[i].getAccessor().invoke(built))
            .as(type.getSimpleName() + "." + components[i].getName()).isEqualTo(values[i]);
      }
    }
  }

  @Test
  void otherRecords_haveNoPlainFactory() {
    record Other(String name) {}

    assertThat(IndexRecords.of(Other.class)).isNull();
    assertThat(IndexRecords.of(String.class)).isNull();
  }

  /** A value of {@code type} that no constructor defaults to: never null, empty, false or zero. */
  private static Object sample(Type type, int i) throws Exception {
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return "value-" + i;
      }
      if (c == int.class || c == Integer.class) {
        return 1000 + i;
      }
      if (c == long.class || c == Long.class) {
        return 2000L + i;
      }
      if (c == boolean.class || c == Boolean.class) {
        return true;
      }
      if (c == Object.class) {
        return "object-" + i;
      }
      if (c.isEnum()) {
        Object[] constants = c.getEnumConstants();
        return constants[constants.length - 1];
      }
      if (c.isRecord()) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int k = 0; k < components.length; k++) {
          types[k] = components[k].getType();
          values[k] = sample(components[k].getGenericType(), k);
        }
        return c.getDeclaredConstructor(types).newInstance(values);
      }
    }
    if (type instanceof ParameterizedType pt) {
      Type[] args = pt.getActualTypeArguments();
      if (pt.getRawType() == List.class) {
        return List.of(sample(args[0], i));
      }
      if (pt.getRawType() == Map.class) {
        return Map.of("key-" + i, sample(args[1], i));
      }
    }
    throw new IllegalStateException("no sample for " + type);
  }
}
