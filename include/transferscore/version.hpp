#pragma once
// Version macros. The single source of truth is project(VERSION) in CMakeLists.txt;
// tests/core/test_version.cpp checks that this file, CMakeLists.txt and meson.build agree.

#define TRANSFERSCORE_VERSION_MAJOR 0
#define TRANSFERSCORE_VERSION_MINOR 1
#define TRANSFERSCORE_VERSION_PATCH 0
#define TRANSFERSCORE_VERSION \
  (TRANSFERSCORE_VERSION_MAJOR * 10000 + TRANSFERSCORE_VERSION_MINOR * 100 + TRANSFERSCORE_VERSION_PATCH)
#define TRANSFERSCORE_VERSION_STRING "0.1.0"
