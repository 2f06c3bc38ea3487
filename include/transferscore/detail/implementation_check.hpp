#pragma once
// Included by every header that declares an entry point whose code lives in the one
// implementation file (config.hpp). Without that file the program fails to link, and the
// missing symbol's name says what to do.

#include <transferscore/config.hpp>

#if !defined(TRANSFERSCORE_HEADER_ONLY)
TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

extern const char define_TRANSFERSCORE_IMPLEMENTATION_in_one_source_file;

#ifdef TRANSFERSCORE_IMPLEMENTATION
const char define_TRANSFERSCORE_IMPLEMENTATION_in_one_source_file = 1;
#else
namespace {
// Kept by the compiler at every optimisation level ([[gnu::used]]), so the reference, and the
// telling link error, exists in every file that includes a declaring header.
[[gnu::used, maybe_unused]] const char* const implementation_reference =
    &define_TRANSFERSCORE_IMPLEMENTATION_in_one_source_file;
}  // namespace
#endif

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
#endif
