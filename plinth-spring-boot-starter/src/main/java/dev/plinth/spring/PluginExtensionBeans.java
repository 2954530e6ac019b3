package dev.plinth.spring;

import java.util.List;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@code PluginExtensions<X>} bean per interface in {@code plinth.extension-beans}
 * (named {@code plinthExtensions.<interface name>}), so a host injects {@code PluginExtensions<X>}
 * by its generic type. Bean definitions are fixed at startup; the views they hold are live.
 */
final class PluginExtensionBeans implements ImportBeanDefinitionRegistrar, EnvironmentAware {
  private Environment environment;

  PluginExtensionBeans() {
    this.environment = new org.springframework.core.env.StandardEnvironment();
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    List<String> names = Binder.get(environment).bind("plinth.extension-beans", Bindable.listOf(String.class)).orElse(List.of());
    ClassLoader loader = PluginExtensionBeans.class.getClassLoader();
    for (String name : names) {
      Class<?> type = HostClasses.loadInterface("plinth.extension-beans", name, loader);
      RootBeanDefinition definition = new RootBeanDefinition(PluginExtensions.class);
      definition.setTargetType(ResolvableType.forClassWithGenerics(PluginExtensions.class, type));
      definition.setFactoryMethodName("of");
      definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
      definition.getConstructorArgumentValues().addIndexedArgumentValue(1, new RuntimeBeanReference(dev.plinth.runtime.PluginSystem.class));
      registry.registerBeanDefinition("plinthExtensions." + type.getName(), definition);
    }
  }
}
