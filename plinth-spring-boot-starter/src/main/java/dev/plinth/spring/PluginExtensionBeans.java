package dev.plinth.spring;

import dev.plinth.runtime.PluginSystem;
import java.util.List;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@code PluginExtensions<X>} bean per interface in {@code plinth.extension-beans}
 * (named {@code plinthExtensions.<interface name>}), so a host injects {@code PluginExtensions<X>}
 * by its generic type. Bean definitions are fixed at startup; the views they hold are live.
 */
final class PluginExtensionBeans implements ImportBeanDefinitionRegistrar {
  private final Environment environment;
  private final ClassLoader classLoader;

  /** Spring passes the context's environment and bean class loader. */
  PluginExtensionBeans(Environment environment, ClassLoader classLoader) {
    this.environment = environment;
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    List<String> names = Binder.get(environment).bind("plinth.extension-beans", Bindable.listOf(String.class)).orElse(List.of());
    for (String name : names) {
      Class<?> type = HostClasses.loadInterface("plinth.extension-beans", name, classLoader);
      RootBeanDefinition definition = new RootBeanDefinition(PluginExtensions.class);
      definition.setTargetType(ResolvableType.forClassWithGenerics(PluginExtensions.class, type));
      definition.setFactoryMethodName("of");
      definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
      definition.getConstructorArgumentValues().addIndexedArgumentValue(1, new RuntimeBeanReference(PluginSystem.class));
      registry.registerBeanDefinition("plinthExtensions." + type.getName(), definition);
    }
  }
}
