package dev.plinth.installer.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes records as JSON arrays of their components, in declaration order, with Jackson's
 * streaming parser and generator only: the install-time index holds one manifest (and its boot
 * facts) per plugin this way, and boot reads them without Jackson's data binding, whose set-up
 * (hundreds of classes, its configuration and per-type deserializers) costs a cold boot more than
 * reading the whole index.
 *
 * <p>The mapping follows each record's components, so a component added to a record needs no code
 * here. Supported component types: {@code String}, {@code boolean}, {@code int}, {@code long},
 * {@code double} (boxed or not), enums (by name), records (nested arrays), {@code List<T>},
 * {@code Map<String, T>} (a JSON object, in the map's order) and {@code Object} (plain JSON values:
 * strings, {@code Long} whole numbers, {@code Double} decimals, booleans, null, {@code List}s and
 * {@code LinkedHashMap}s). A record with any other component type is refused when first used.
 * Non-finite decimals are written as the bare tokens {@code NaN} and {@code Infinity} and read back
 * as doubles, so a value round-trips exactly.
 *
 * <p>A record is built through its canonical constructor: the index's own records by plain calls
 * ({@link IndexRecords}), any other by reflection.
 *
 * <p>A value of the wrong JSON type, an array with too few or too many elements, or a record whose
 * constructor refuses its arguments fails with {@link Mismatch}; malformed JSON fails with the
 * parser's own exception. Thread-safe: each record type's plan is built once.
 */
final class RecordArrays {
  /**
   * The store's streaming factory: no data binding, so opening a store and checking its index load
   * none of it.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private static final ClassValue<RecordCodec> PLANS = new ClassValue<>() {
    @Override
    protected RecordCodec computeValue(Class<?> type) {
      return new RecordCodec(type);
    }
  };

  private RecordArrays() {}

  /** A value that does not fit the record it should become; the JSON itself was well formed. */
  static final class Mismatch extends IOException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  /** Writes {@code value} as the array of its components. */
  static void write(JsonGenerator g, Record value) throws IOException {
    PLANS.get(value.getClass()).write(g, value);
  }

  /** Reads the array at the parser's current token as a {@code type}; leaves the parser on its closing bracket. */
  static <T extends Record> T read(JsonParser p, Class<T> type) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_ARRAY) {
      throw new Mismatch(type.getSimpleName() + " must be an array, found " + t);
    }
    return type.cast(PLANS.get(type).read(p, t));
  }

  /** Throws unless every component of {@code type} (and of the records inside it) has a supported type. */
  static void check(Class<? extends Record> type) {
    check(type, new java.util.HashSet<>());
  }

  private static void check(Class<?> type, java.util.Set<Class<?>> seen) {
    if (seen.add(type)) {
      for (Codec c : PLANS.get(type).codecs) {
        for (Class<?> nested : nestedRecords(c)) {
          check(nested, seen);
        }
      }
    }
  }

  private static List<Class<?>> nestedRecords(Codec c) {
    if (c instanceof Deferred d) {
      return List.of(d.type());
    }
    if (c instanceof ListCodec l) {
      return nestedRecords(l.element());
    }
    if (c instanceof MapCodec m) {
      return nestedRecords(m.value());
    }
    return List.of();
  }

  /** Builds a record from its components' values, in declaration order. */
  interface Factory {
    Object create(@Nullable Object[] values);
  }

  /** How one value is written and read. */
  private interface Codec {
    void write(JsonGenerator g, Object value) throws IOException;

    /** Reads the value that starts at {@code t}, the parser's current token. */
    Object read(JsonParser p, JsonToken t) throws IOException;
  }

  private static Codec codecFor(Type type, String where) {
    if (type instanceof Class<?> c) {
      if (c == String.class) {
        return STRING;
      }
      if (c == boolean.class || c == Boolean.class) {
        return BOOLEAN;
      }
      if (c == int.class || c == Integer.class) {
        return INT;
      }
      if (c == long.class || c == Long.class) {
        return LONG;
      }
      if (c == double.class || c == Double.class) {
        return DOUBLE;
      }
      if (c == Object.class) {
        return ANY;
      }
      if (c.isEnum()) {
        return new EnumCodec(c);
      }
      if (c.isRecord()) {
        return new Deferred(c);
      }
    } else if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
      Type[] args = pt.getActualTypeArguments();
      if (raw == List.class) {
        return new ListCodec(codecFor(args[0], where));
      }
      if (raw == Map.class && args[0] == String.class) {
        return new MapCodec(codecFor(args[1], where));
      }
    }
    throw new IllegalStateException(where + " has a type the index cannot hold: " + type.getTypeName());
  }

  private static Mismatch mismatch(String wanted, JsonToken found) {
    return new Mismatch("expected " + wanted + ", found " + found);
  }

  private static final Codec STRING = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeString((String) value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_STRING) {
        throw mismatch("a string", t);
      }
      return p.getText();
    }
  };

  private static final Codec BOOLEAN = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeBoolean((Boolean) value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw mismatch("true or false", t);
      }
      return t == JsonToken.VALUE_TRUE;
    }
  };

  private static final Codec INT = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeNumber((Integer) value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
        throw mismatch("a 32-bit whole number", t);
      }
      return p.getIntValue();
    }
  };

  private static final Codec LONG = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeNumber((Long) value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw mismatch("a 64-bit whole number", t);
      }
      return p.getLongValue();
    }
  };

  private static final Codec DOUBLE = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeNumber((Double) value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
        throw mismatch("a number", t);
      }
      return p.getDoubleValue();
    }
  };

  /** Plain JSON values, as the manifest's schema tables hold them. */
  private static final Codec ANY = new Codec() {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      if (value instanceof String s) {
        g.writeString(s);
      } else if (value instanceof Boolean b) {
        g.writeBoolean(b);
      } else if (value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte) {
        g.writeNumber(((Number) value).longValue());
      } else if (value instanceof Double || value instanceof Float) {
        g.writeNumber(((Number) value).doubleValue());
      } else if (value instanceof java.math.BigInteger b) {
        g.writeNumber(b);
      } else if (value instanceof java.math.BigDecimal d) {
        g.writeNumber(d);
      } else if (value instanceof Map<?, ?> m) {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          writeNullable(g, this, e.getValue());
        }
        g.writeEndObject();
      } else if (value instanceof Collection<?> c) {
        g.writeStartArray();
        for (Object v : c) {
          writeNullable(g, this, v);
        }
        g.writeEndArray();
      } else {
        throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
      }
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      switch (t) {
        case VALUE_STRING:
          return p.getText();
        case VALUE_TRUE:
          return Boolean.TRUE;
        case VALUE_FALSE:
          return Boolean.FALSE;
        case VALUE_NUMBER_INT:
          return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
        case VALUE_NUMBER_FLOAT:
          return p.getDoubleValue();
        case START_ARRAY:
          return readList(p, this);
        case START_OBJECT:
          return readMap(p, this);
        default:
          throw mismatch("a JSON value", t);
      }
    }
  };

  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Mismatch("input ends inside a value");
    }
    return t;
  }

  /** The array after its opening bracket, each element read by {@code element}. */
  private static List<@Nullable Object> readList(JsonParser p, Codec element) throws IOException {
    List<@Nullable Object> out = new ArrayList<>();
    JsonToken e;
    while ((e = next(p)) != JsonToken.END_ARRAY) {
      out.add(e == JsonToken.VALUE_NULL ? null : element.read(p, e));
    }
    return out;
  }

  /** The object after its opening brace, in its order, each value read by {@code value}. */
  private static Map<String, @Nullable Object> readMap(JsonParser p, Codec value) throws IOException {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    while (next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = next(p);
      out.put(name, v == JsonToken.VALUE_NULL ? null : value.read(p, v));
    }
    return out;
  }

  private static void writeNullable(JsonGenerator g, Codec codec, @Nullable Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      codec.write(g, value);
    }
  }

  private record EnumCodec(Class<?> type) implements Codec {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeString(((Enum<?>) value).name());
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.VALUE_STRING) {
        throw mismatch("a name of " + type.getSimpleName(), t);
      }
      String name = p.getText();
      try {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object constant = Enum.valueOf((Class) type, name); // the JDK's cached name lookup
        return constant;
      } catch (IllegalArgumentException e) {
        throw new Mismatch(type.getSimpleName() + " has no constant " + name);
      }
    }
  }

  private record ListCodec(Codec element) implements Codec {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeStartArray();
      for (Object v : (List<?>) value) {
        writeNullable(g, element, v);
      }
      g.writeEndArray();
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.START_ARRAY) {
        throw mismatch("an array", t);
      }
      return readList(p, element);
    }
  }

  private record MapCodec(Codec value) implements Codec {
    @Override
    public void write(JsonGenerator g, Object map) throws IOException {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        g.writeFieldName((String) e.getKey());
        writeNullable(g, value, e.getValue());
      }
      g.writeEndObject();
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.START_OBJECT) {
        throw mismatch("an object", t);
      }
      return readMap(p, value);
    }
  }

  /** A nested record, looked up when used, so a record may contain itself. */
  private record Deferred(Class<?> type) implements Codec {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      PLANS.get(type).write(g, value);
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      return PLANS.get(type).read(p, t);
    }
  }

  /** A record as the array of its components, built through its canonical constructor. */
  private static final class RecordCodec implements Codec {
    private final Class<?> type;
    private final RecordComponent[] components;
    private final Codec[] codecs;
    private final boolean[] primitive;
    private final @Nullable Constructor<?> constructor;
    /** The index's records are built by plain constructor calls ({@link IndexRecords}), others by reflection. */
    private final RecordArrays.@Nullable Factory factory;

    RecordCodec(Class<?> type) {
      if (!type.isRecord()) {
        throw new IllegalStateException("not a record: " + type.getName());
      }
      this.type = type;
      this.components = type.getRecordComponents();
      this.codecs = new Codec[components.length];
      this.primitive = new boolean[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        codecs[i] = codecFor(c.getGenericType(), type.getSimpleName() + "." + c.getName());
        primitive[i] = c.getType().isPrimitive();
        types[i] = c.getType();
        c.getAccessor().setAccessible(true);
      }
      this.factory = IndexRecords.of(type);
      if (factory != null) {
        this.constructor = null;
        return;
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        this.constructor = c;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record without a canonical constructor: " + type.getName(), e);
      }
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeStartArray();
      for (int i = 0; i < components.length; i++) {
        Object v;
        try {
          v = components[i].getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + components[i].getName(), e);
        }
        writeNullable(g, codecs[i], v);
      }
      g.writeEndArray();
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException {
      if (t != JsonToken.START_ARRAY) {
        throw mismatch(type.getSimpleName() + " as an array", t);
      }
      Object[] args = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        JsonToken v = next(p);
        if (v == JsonToken.END_ARRAY) {
          throw new Mismatch(type.getSimpleName() + " needs " + components.length + " values, found " + i);
        }
        if (v == JsonToken.VALUE_NULL) {
          if (primitive[i]) {
            throw new Mismatch(type.getSimpleName() + "." + components[i].getName() + " must not be null");
          }
          continue;
        }
        args[i] = codecs[i].read(p, v);
      }
      if (next(p) != JsonToken.END_ARRAY) {
        throw new Mismatch(type.getSimpleName() + " has more than " + components.length + " values");
      }
      if (factory != null) {
        try {
          return factory.create(args);
        } catch (RuntimeException e) {
          throw new Mismatch(type.getSimpleName() + " refuses its values: " + e);
        }
      }
      try {
        return java.util.Objects.requireNonNull(constructor).newInstance(args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw new Mismatch(type.getSimpleName() + " refuses its values: " + cause);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new Mismatch(type.getSimpleName() + " cannot be built: " + e);
      }
    }
  }
}
