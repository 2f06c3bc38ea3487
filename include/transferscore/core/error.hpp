#pragma once
// Exceptions for configuration and usage mistakes. Problems with one record are never
// exceptions: they are verdicts with a status (see core/status.hpp).

#include <transferscore/config.hpp>

#include <stdexcept>
#include <string>

TRANSFERSCORE_BEGIN_NAMESPACE

/// Base of every exception the library throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A scorer or pipeline was configured wrongly (unknown scorer, invalid option value).
class config_error : public error {
 public:
  using error::error;
};

/// A whole input could not be used (file missing, unreadable).
class io_error : public error {
 public:
  using error::error;
};

TRANSFERSCORE_END_NAMESPACE
