# ingest_add_plugin(NAME <name> KIND <source|decoder|transform|sink>
#                   SOURCES <file>... [LINK_LIBRARIES <lib>...] [OUTPUT_DIRECTORY <dir>])
#
# Builds ingest-<kind>-<name>.so as a plugin library: C++17 or newer, hidden visibility, a
# version script that exports only ingest_plugin_entry, and -Wl,--no-undefined so that a
# missing symbol fails the build rather than the daemon. The target is named
# ingest-<kind>-<name>. Used by first-party and third-party plugins alike.
include_guard(GLOBAL)

set(_INGEST_PLUGIN_MAP "${CMAKE_CURRENT_LIST_DIR}/ingest_plugin.map"
    CACHE INTERNAL "Version script of ingest plugins")

function(ingest_add_plugin)
  cmake_parse_arguments(ARG "" "NAME;KIND;OUTPUT_DIRECTORY" "SOURCES;LINK_LIBRARIES" ${ARGN})
  if(NOT ARG_NAME)
    message(FATAL_ERROR "ingest_add_plugin: NAME is required")
  endif()
  if(NOT ARG_KIND MATCHES "^(source|decoder|transform|sink)$")
    message(FATAL_ERROR "ingest_add_plugin(${ARG_NAME}): KIND must be source, decoder, transform or sink, not '${ARG_KIND}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "ingest_add_plugin(${ARG_NAME}): SOURCES is required")
  endif()
  set(target "ingest-${ARG_KIND}-${ARG_NAME}")
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE Ingest::sdk ${ARG_LINK_LIBRARIES})
  target_compile_features(${target} PRIVATE cxx_std_17)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${target}"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    LINK_DEPENDS "${_INGEST_PLUGIN_MAP}")
  target_link_options(${target} PRIVATE
    "-Wl,--version-script=${_INGEST_PLUGIN_MAP}" "-Wl,--no-undefined")
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  elseif(DEFINED INGEST_PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${INGEST_PLUGIN_OUTPUT_DIRECTORY}")
  endif()
endfunction()
