#pragma once
// A small owned JSON value. Records carry their gold (`reference`) and any extra fields
// (`choice_logprobs`, `execution`, ...) as json, and verdicts carry their `details` as json,
// so that a scorer family can read and write whatever its benchmark needs without the core
// knowing about it. Parsing from text lives in io/json_parse.hpp (it needs simdjson);
// this header has no third-party dependency.

#include <transferscore/config.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE

class json;

namespace detail {

/// Appends `text` to `out` as a JSON string literal. Invalid UTF-8 is replaced by U+FFFD,
/// so whatever a scorer extracted, the output line stays valid JSON.
inline void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      // Copy the longest run of plain ASCII at once.
      const auto* run = p;
      while (run < end && *run >= 0x20 && *run < 0x80 && *run != '"' && *run != '\\') ++run;
      out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(run - p));
      p = run;
      continue;
    }
    if (c < 0x80) {
      out.push_back('\\');
      switch (c) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '\n': out.push_back('n'); break;
        case '\r': out.push_back('r'); break;
        case '\t': out.push_back('t'); break;
        case '\b': out.push_back('b'); break;
        case '\f': out.push_back('f'); break;
        default:
          out.append("u00");
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
      }
      ++p;
      continue;
    }
    // Multi-byte sequence: validate (no overlongs, no surrogates, <= U+10FFFF).
    std::size_t len = 0;
    std::uint32_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool valid = len != 0 && static_cast<std::size_t>(end - p) >= len;
    if (valid) {
      valid = p[1] >= lo && p[1] <= hi;
      for (std::size_t i = 2; valid && i < len; ++i) valid = p[i] >= 0x80 && p[i] <= 0xBF;
    }
    if (valid) {
      out.append(reinterpret_cast<const char*>(p), len);
      p += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++p;
    }
  }
  out.push_back('"');
}

/// Appends a double the shortest way that reads back to the same value; NaN and
/// infinities have no JSON form and become null.
inline void append_json_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  char buffer[32];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc{}) {
    out.append("null");
    return;
  }
  out.append(buffer, ptr);
}

inline void append_json_number(std::string& out, std::int64_t value) {
  char buffer[24];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;
  out.append(buffer, ptr);
}

}  // namespace detail

class json {
 public:
  using array_t = std::vector<json>;
  using object_t = std::vector<std::pair<std::string, json>>;  // keeps insertion order
  enum class kind : unsigned char { null, boolean, integer, real, string, array, object };

  json() noexcept = default;
  json(std::nullptr_t) noexcept {}
  json(bool b) noexcept : value_(b) {}
  template <class I>
    requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
  json(I i) noexcept : value_(static_cast<std::int64_t>(i)) {}
  json(double d) noexcept : value_(d) {}
  json(std::string s) noexcept : value_(std::move(s)) {}
  json(std::string_view s) : value_(std::string(s)) {}
  json(const char* s) : value_(std::string(s)) {}
  json(array_t a) noexcept : value_(std::move(a)) {}
  json(object_t o) noexcept : value_(std::move(o)) {}

  [[nodiscard]] static json array(std::initializer_list<json> items = {}) { return json(array_t(items)); }
  [[nodiscard]] static json object() { return json(object_t{}); }

  [[nodiscard]] kind type() const noexcept { return static_cast<kind>(value_.index()); }
  [[nodiscard]] bool is_null() const noexcept { return type() == kind::null; }
  [[nodiscard]] bool is_bool() const noexcept { return type() == kind::boolean; }
  [[nodiscard]] bool is_integer() const noexcept { return type() == kind::integer; }
  [[nodiscard]] bool is_number() const noexcept { return type() == kind::integer || type() == kind::real; }
  [[nodiscard]] bool is_string() const noexcept { return type() == kind::string; }
  [[nodiscard]] bool is_array() const noexcept { return type() == kind::array; }
  [[nodiscard]] bool is_object() const noexcept { return type() == kind::object; }

  [[nodiscard]] std::optional<bool> as_bool() const noexcept {
    if (const auto* b = std::get_if<bool>(&value_)) return *b;
    return std::nullopt;
  }
  /// The integer value; a real with an exact integer value (3.0) also counts.
  [[nodiscard]] std::optional<std::int64_t> as_int() const noexcept {
    if (const auto* i = std::get_if<std::int64_t>(&value_)) return *i;
    if (const auto* d = std::get_if<double>(&value_)) {
      if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9.0e15) return static_cast<std::int64_t>(*d);
    }
    return std::nullopt;
  }
  [[nodiscard]] std::optional<double> as_double() const noexcept {
    if (const auto* i = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value_)) return *d;
    return std::nullopt;
  }
  [[nodiscard]] const std::string* if_string() const noexcept { return std::get_if<std::string>(&value_); }
  [[nodiscard]] std::string* if_string() noexcept { return std::get_if<std::string>(&value_); }
  [[nodiscard]] const array_t* if_array() const noexcept { return std::get_if<array_t>(&value_); }
  [[nodiscard]] const object_t* if_object() const noexcept { return std::get_if<object_t>(&value_); }
  [[nodiscard]] array_t* if_array() noexcept { return std::get_if<array_t>(&value_); }
  [[nodiscard]] object_t* if_object() noexcept { return std::get_if<object_t>(&value_); }

  /// The member `key` of an object, or nullptr (also when this is not an object).
  [[nodiscard]] const json* find(std::string_view key) const noexcept {
    if (const auto* o = if_object()) {
      for (const auto& [k, v] : *o) {
        if (k == key) return &v;
      }
    }
    return nullptr;
  }
  [[nodiscard]] bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

  /// Object member access that inserts; a null value becomes an empty object first.
  json& operator[](std::string_view key) {
    if (is_null()) value_ = object_t{};
    auto& o = std::get<object_t>(value_);
    for (auto& [k, v] : o) {
      if (k == key) return v;
    }
    o.emplace_back(std::string(key), json{});
    return o.back().second;
  }

  /// Appends to an array; a null value becomes an empty array first.
  void push_back(json item) {
    if (is_null()) value_ = array_t{};
    std::get<array_t>(value_).push_back(std::move(item));
  }

  [[nodiscard]] std::size_t size() const noexcept {
    if (const auto* a = if_array()) return a->size();
    if (const auto* o = if_object()) return o->size();
    return 0;
  }

  /// Serialises compactly (no spaces), object members in insertion order.
  void dump_to(std::string& out) const {
    switch (type()) {
      case kind::null: out.append("null"); break;
      case kind::boolean: out.append(std::get<bool>(value_) ? "true" : "false"); break;
      case kind::integer: detail::append_json_number(out, std::get<std::int64_t>(value_)); break;
      case kind::real: detail::append_json_number(out, std::get<double>(value_)); break;
      case kind::string: detail::append_json_string(out, std::get<std::string>(value_)); break;
      case kind::array: {
        out.push_back('[');
        bool first = true;
        for (const auto& item : std::get<array_t>(value_)) {
          if (!first) out.push_back(',');
          first = false;
          item.dump_to(out);
        }
        out.push_back(']');
        break;
      }
      case kind::object: {
        out.push_back('{');
        bool first = true;
        for (const auto& [k, v] : std::get<object_t>(value_)) {
          if (!first) out.push_back(',');
          first = false;
          detail::append_json_string(out, k);
          out.push_back(':');
          v.dump_to(out);
        }
        out.push_back('}');
        break;
      }
    }
  }
  [[nodiscard]] std::string dump() const {
    std::string out;
    dump_to(out);
    return out;
  }

  friend bool operator==(const json& a, const json& b) noexcept {
    if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
    return a.value_ == b.value_;
  }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, array_t, object_t> value_;
};

TRANSFERSCORE_END_NAMESPACE
