#pragma once
// A small command-line parser for the transferscore subcommands: long options with
// `--name value` or `--name=value`, short aliases, repeatable options, positionals,
// `--` to end options, and generated --help text.

#include <transferscore/transferscore.hpp>

#include <cstddef>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// A mistake on the command line: reported with the usage hint, exit code 2.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Which of `choices` an option's value is, as an index; anything else is a usage error
/// that lists them.
inline std::size_t choose(std::string_view option, std::string_view value, std::initializer_list<std::string_view> choices) {
  const std::size_t i = transferscore::detail::index_of(value, choices);
  if (i == choices.size()) throw usage_error(transferscore::detail::not_a_choice(option, value, choices));
  return i;
}

class arg_parser {
 public:
  arg_parser(std::string program, std::string synopsis, std::string description)
      : program_(std::move(program)), synopsis_(std::move(synopsis)), description_(std::move(description)) {}

  void flag(std::string name, char short_name, bool& target, std::string help) {
    options_.push_back({std::move(name), short_name, "", std::move(help), [&target](std::string_view) { target = true; }, false});
  }
  void option(std::string name, char short_name, std::string& target, std::string metavar, std::string help) {
    options_.push_back({std::move(name), short_name, std::move(metavar), std::move(help),
                        [&target](std::string_view v) { target = std::string(v); }, true});
  }
  void option(std::string name, char short_name, std::vector<std::string>& target, std::string metavar, std::string help) {
    options_.push_back({std::move(name), short_name, std::move(metavar), std::move(help),
                        [&target](std::string_view v) { target.emplace_back(v); }, true});
  }
  void positionals(std::vector<std::string>& target, std::string metavar, std::string help) {
    positionals_ = &target;
    positional_metavar_ = std::move(metavar);
    positional_help_ = std::move(help);
  }

  /// Parses argv[first..argc). Returns false when --help was asked for (and printed).
  bool parse(int argc, char** argv, int first) {
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
      std::string_view arg = argv[i];
      if (!options_done && arg == "--") {
        options_done = true;
        continue;
      }
      if (!options_done && (arg == "--help" || arg == "-h")) {
        std::fputs(help().c_str(), stdout);
        return false;
      }
      if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
        if (positionals_ == nullptr) throw usage_error("unexpected argument '" + std::string(arg) + "'");
        positionals_->emplace_back(arg);
        continue;
      }
      std::string_view name;
      std::string_view inline_value;
      bool has_inline = false;
      const spec* found = nullptr;
      if (arg.substr(0, 2) == "--") {
        name = arg.substr(2);
        if (auto eq = name.find('='); eq != std::string_view::npos) {
          inline_value = name.substr(eq + 1);
          name = name.substr(0, eq);
          has_inline = true;
        }
        for (const auto& o : options_) {
          if (o.name == name) found = &o;
        }
      } else if (arg.size() == 2) {
        for (const auto& o : options_) {
          if (o.short_name == arg[1]) found = &o;
        }
      }
      if (found == nullptr) throw usage_error("unknown option '" + std::string(arg) + "'");
      if (found->takes_value) {
        if (!has_inline) {
          if (i + 1 >= argc) throw usage_error("option --" + found->name + " needs a value (" + found->metavar + ")");
          inline_value = argv[++i];
        }
        found->apply(inline_value);
      } else {
        if (has_inline) throw usage_error("option --" + found->name + " takes no value");
        found->apply({});
      }
    }
    return true;
  }

  [[nodiscard]] std::string help() const {
    std::string out = "usage: " + program_ + " " + synopsis_ + "\n\n" + description_ + "\n";
    if (positionals_ != nullptr) out += "\n  " + pad(positional_metavar_) + positional_help_ + "\n";
    out += "\noptions:\n";
    for (const auto& o : options_) {
      std::string left = o.short_name != 0 ? std::string("-") + o.short_name + ", " : "    ";
      left += "--" + o.name;
      if (o.takes_value) left += " " + o.metavar;
      out += "  " + pad(left) + o.help + "\n";
    }
    out += "  " + pad("-h, --help") + "show this help and exit\n";
    return out;
  }

 private:
  struct spec {
    std::string name;
    char short_name;
    std::string metavar;
    std::string help;
    std::function<void(std::string_view)> apply;
    bool takes_value;
  };

  static std::string pad(const std::string& s) {
    constexpr std::size_t width = 30;
    return s.size() + 2 > width ? s + "\n  " + std::string(width, ' ') : s + std::string(width - s.size(), ' ');
  }

  std::string program_;
  std::string synopsis_;
  std::string description_;
  std::vector<spec> options_;
  std::vector<std::string>* positionals_ = nullptr;
  std::string positional_metavar_;
  std::string positional_help_;
};

/// Parses a positive integer option value, or throws usage_error naming the option.
inline std::size_t parse_count(const std::string& value, const char* option) {
  std::size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(value, &pos);
  } catch (const std::exception&) {
    pos = 0;
  }
  if (pos != value.size() || value.empty() || value[0] == '-') {
    throw usage_error(std::string("option ") + option + " needs a non-negative integer, not '" + value + "'");
  }
  return static_cast<std::size_t>(n);
}

}  // namespace cli
