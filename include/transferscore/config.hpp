#pragma once
// Language check, the versioned ABI namespace, and the exception switch.
// Every public header includes this file first.

#include <transferscore/version.hpp>

#if !defined(__cplusplus) || (__cplusplus < 202002L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 202002L))
#error "transferscore needs C++20: compile with -std=c++20 (meson: cpp_std=c++20)"
#endif

// Two different versions in one translation unit would silently mix definitions.
#if defined(TRANSFERSCORE_SEEN_VERSION) && TRANSFERSCORE_SEEN_VERSION != TRANSFERSCORE_VERSION
#error "two different versions of transferscore are included in this translation unit"
#endif
#ifndef TRANSFERSCORE_SEEN_VERSION
#define TRANSFERSCORE_SEEN_VERSION TRANSFERSCORE_VERSION
#endif

#define TRANSFERSCORE_ABI_CONCAT_EX(a, b, c) v##a##_##b##_##c
#define TRANSFERSCORE_ABI_CONCAT(a, b, c) TRANSFERSCORE_ABI_CONCAT_EX(a, b, c)
#define TRANSFERSCORE_ABI_NAMESPACE \
  TRANSFERSCORE_ABI_CONCAT(TRANSFERSCORE_VERSION_MAJOR, TRANSFERSCORE_VERSION_MINOR, TRANSFERSCORE_VERSION_PATCH)

// The version is part of every symbol, so two vendored copies of different versions
// become a link error instead of a silent ODR violation.
#define TRANSFERSCORE_BEGIN_NAMESPACE \
  namespace transferscore {           \
  inline namespace TRANSFERSCORE_ABI_NAMESPACE {
#define TRANSFERSCORE_END_NAMESPACE \
  }                                 \
  }

#ifndef TRANSFERSCORE_NO_EXCEPTIONS
#if !defined(__cpp_exceptions)
#define TRANSFERSCORE_NO_EXCEPTIONS
#endif
#endif

// Configuration mistakes (unknown scorer, bad option) throw; per-record problems never do.
// Users without exceptions may define TRANSFERSCORE_THROW to their own handler.
#ifndef TRANSFERSCORE_THROW
#ifdef TRANSFERSCORE_NO_EXCEPTIONS
#include <cstdio>
#include <cstdlib>
#define TRANSFERSCORE_THROW(exception)                     \
  do {                                                     \
    std::fputs((exception).what(), stderr);                \
    std::fputc('\n', stderr);                              \
    std::abort();                                          \
  } while (false)
#else
#define TRANSFERSCORE_THROW(exception) throw exception
#endif
#endif

// How the scorer families are compiled (docs/building.md, "What including costs"):
//  - TRANSFERSCORE_HEADER_ONLY, defined everywhere: every header defines everything inline.
//    The CMake target transferscore::transferscore, Meson's dependency and pkg-config set it.
//  - neither macro (the stb pattern): the umbrella and the family headers only declare the
//    families' entry points, which keeps including them cheap; exactly one source file of the
//    program defines TRANSFERSCORE_IMPLEMENTATION before including them and holds the code.
//    Forgetting that file is a link error naming
//    transferscore::detail::define_TRANSFERSCORE_IMPLEMENTATION_in_one_source_file.
// Mixing the two modes in one program is not supported.
#if defined(TRANSFERSCORE_HEADER_ONLY) && defined(TRANSFERSCORE_IMPLEMENTATION)
#error "define TRANSFERSCORE_HEADER_ONLY (every file) or TRANSFERSCORE_IMPLEMENTATION (one file), not both"
#endif
#if defined(TRANSFERSCORE_HEADER_ONLY) || defined(TRANSFERSCORE_IMPLEMENTATION)
#define TRANSFERSCORE_FULL 1
#else
#define TRANSFERSCORE_FULL 0
#endif
// Marks a declared entry point's definition: inline when every file holds it, an ordinary
// (external) definition in the one implementation file.
#ifdef TRANSFERSCORE_HEADER_ONLY
#define TRANSFERSCORE_API inline
#else
#define TRANSFERSCORE_API
#endif
