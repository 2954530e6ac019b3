package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;

/**
 * An array of values of one kind that {@link SimpleToml} read. The {@code contains…} methods tomlj
 * deprecates are still its interface's.
 */
@SuppressWarnings("deprecation")
final class SimpleTomlArray implements TomlArray {
  private static final int STRING = 0;
  private static final int LONG = 1;
  private static final int BOOLEAN = 2;
  private static final int ARRAY = 3;
  private static final int TABLE = 4;

  /** Made by {@code [[headers]]}; a value array can never be extended by one. */
  final boolean ofTables;
  final List<Object> items = new ArrayList<>();
  final List<TomlPosition> positions = new ArrayList<>();

  SimpleTomlArray(boolean ofTables) {
    this.ofTables = ofTables;
  }

  /** Adds {@code value}; false, adding nothing, when it is of another kind than the items before. */
  boolean add(Object value, TomlPosition at) {
    if (!items.isEmpty() && kind(items.get(0)) != kind(value)) {
      return false;
    }
    items.add(value);
    positions.add(at);
    return true;
  }

  private static int kind(Object v) {
    if (v instanceof String) {
      return STRING;
    }
    if (v instanceof Long) {
      return LONG;
    }
    if (v instanceof Boolean) {
      return BOOLEAN;
    }
    return v instanceof SimpleTomlArray ? ARRAY : TABLE;
  }

  private boolean contains(int kind) {
    return !items.isEmpty() && kind(items.get(0)) == kind;
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public boolean isEmpty() {
    return items.isEmpty();
  }

  @Override
  public boolean containsStrings() {
    return contains(STRING);
  }

  @Override
  public boolean containsLongs() {
    return contains(LONG);
  }

  @Override
  public boolean containsDoubles() {
    return false;
  }

  @Override
  public boolean containsBooleans() {
    return contains(BOOLEAN);
  }

  @Override
  public boolean containsOffsetDateTimes() {
    return false;
  }

  @Override
  public boolean containsLocalDateTimes() {
    return false;
  }

  @Override
  public boolean containsLocalDates() {
    return false;
  }

  @Override
  public boolean containsLocalTimes() {
    return false;
  }

  @Override
  public boolean containsArrays() {
    return contains(ARRAY);
  }

  @Override
  public boolean containsTables() {
    return contains(TABLE);
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public TomlPosition inputPositionOf(int index) {
    return positions.get(index);
  }

  @Override
  public List<Object> toList() {
    return Collections.unmodifiableList(new ArrayList<>(items));
  }
}
