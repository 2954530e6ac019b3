/** The PluginContext a plugin receives, with every host service checked against the plugin's declared permissions. */
@NullMarked
package dev.plinth.runtime.context;

import org.jspecify.annotations.NullMarked;
