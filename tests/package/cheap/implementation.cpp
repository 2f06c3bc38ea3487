// The one file of the program that holds transferscore's code (docs/building.md).
#define TRANSFERSCORE_IMPLEMENTATION
#include <transferscore/transferscore.hpp>
