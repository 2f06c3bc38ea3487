# Finds the three runtime dependencies and makes sure each has its namespaced target.
# Shared by the build tree and the installed config. Never pass versions: range-v3's
# version file is ExactVersion, and Debian's re2.pc says 0.0.0.
if(NOT TARGET range-v3::range-v3)
  find_package(range-v3 CONFIG QUIET)
endif()
if(NOT TARGET simdjson::simdjson)
  find_package(simdjson CONFIG QUIET)
endif()
if(NOT TARGET re2::re2)
  find_package(re2 CONFIG QUIET)  # upstream CMake installs, vcpkg, conan
endif()
if(NOT TARGET re2::re2)
  find_package(PkgConfig QUIET)   # Debian/Ubuntu ship only re2.pc
  if(PkgConfig_FOUND)
    pkg_check_modules(transferscore_RE2 QUIET IMPORTED_TARGET GLOBAL re2)
    if(TARGET PkgConfig::transferscore_RE2)
      # A real imported target, not an ALIAS: install(EXPORT) would resolve an alias to
      # the private PkgConfig:: name and break consumers whose re2 comes from elsewhere.
      add_library(re2::re2 INTERFACE IMPORTED GLOBAL)
      target_link_libraries(re2::re2 INTERFACE PkgConfig::transferscore_RE2)
    endif()
  endif()
endif()
