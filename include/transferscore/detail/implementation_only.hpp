#pragma once
// Included by the headers that hold the code of a declared entry point: in the cheap mode
// (config.hpp) that code belongs to the one implementation file only, so reading these
// headers anywhere else would define it twice.

#include <transferscore/config.hpp>

#if !TRANSFERSCORE_FULL
#error "this header holds transferscore's code: include it only where TRANSFERSCORE_IMPLEMENTATION (one file) or TRANSFERSCORE_HEADER_ONLY (every file) is defined; elsewhere include the family header or <transferscore/transferscore.hpp>"
#endif
