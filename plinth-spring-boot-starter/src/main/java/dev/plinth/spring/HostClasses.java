package dev.plinth.spring;

import dev.plinth.api.PlinthException;
import dev.plinth.api.hook.HookPoint;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the class names in {@code plinth.*} properties into classes and hook points, with coded errors. */
final class HostClasses {
  private HostClasses() {}

  static Class<?> load(String property, String className, ClassLoader loader) {
    try {
      return Class.forName(className.trim(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw invalid(property, className, "names no class on the application's class path",
          "Fix the class name, or add the jar that holds it to the application.");
    }
  }

  static Class<?> loadInterface(String property, String className, ClassLoader loader) {
    Class<?> type = load(property, className, loader);
    if (!type.isInterface()) {
      throw invalid(property, className, "must name an interface", "Name the extension interface plugins implement.");
    }
    return type;
  }

  /** Every {@code public static final HookPoint} field of the class, in declaration order. */
  static List<HookPoint<?>> hookPoints(String property, String className, ClassLoader loader) {
    Class<?> holder = load(property, className, loader);
    List<HookPoint<?>> points = new ArrayList<>();
    for (Field field : holder.getFields()) {
      int m = field.getModifiers();
      if (Modifier.isStatic(m) && Modifier.isFinal(m) && HookPoint.class.isAssignableFrom(field.getType())) {
        try {
          points.add((HookPoint<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("public field not readable: " + field, e);
        }
      }
    }
    if (points.isEmpty()) {
      throw invalid(property, className, "must name a class with public static final HookPoint fields",
          "Name the class that declares the host's hook points (e.g. dev.plinth.hooks.agent.AgentHooks).");
    }
    return points;
  }

  private static PlinthException invalid(String property, String value, String rule, String nextStep) {
    return new PlinthException(SpringErrorCode.PROPERTY_CLASS_INVALID, property + " " + rule + ": " + value, nextStep,
        Map.of("property", property, "value", value), null);
  }
}
