#pragma once
// The frames the runner and its Python harness exchange over the control socket (fd 3 of
// the sandbox): a little-endian u32 body length, a one-byte kind, the body.
//
//   runner -> harness   'P' the program: semantics u8, functional u8, CPU limit in ms u32,
//                           output cap u64, function-name length u32, function name, text
//                       'T' one test's input (inputs only: expected outputs stay here)
//   harness -> runner   'H' started;  'C' the program is ready for tests (lcb: compiled)
//                       'R' one result: outcome u8, message length u32, message, output
//
// A harness that breaks the protocol is a program that wrote to the channel itself; the
// runner reports it as that test's runtime error.

#include <transferscore/config.hpp>
#include <transferscore/scorers/code/execution.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

namespace protocol_detail {
inline void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFU));
}
inline void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFU));
}
inline std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8U) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
  return v;
}
inline void put_header(std::string& out, std::size_t body, char kind) {
  put_u32(out, static_cast<std::uint32_t>(body));
  out.push_back(kind);
}
}  // namespace protocol_detail

inline constexpr std::size_t frame_header_size = 5;

/// The 'P' frame.
[[nodiscard]] inline std::string program_frame(harness semantics, bool functional, double cpu_seconds,
                                               std::uint64_t output_cap, std::string_view fn_name,
                                               std::string_view program) {
  using namespace protocol_detail;
  std::string out;
  const std::size_t body = 18 + fn_name.size() + program.size();
  out.reserve(frame_header_size + body);
  put_header(out, body, 'P');
  out.push_back(static_cast<char>(semantics == harness::lcb ? 0 : 1));
  out.push_back(static_cast<char>(functional ? 1 : 0));
  const double ms = cpu_seconds * 1000.0;
  put_u32(out, ms <= 0 ? 1U : ms >= 4.0e9 ? 4000000000U : static_cast<std::uint32_t>(ms));
  put_u64(out, output_cap);
  put_u32(out, static_cast<std::uint32_t>(fn_name.size()));
  out.append(fn_name);
  out.append(program);
  return out;
}

/// A 'T' frame, appended to `out`.
inline void append_test_frame(std::string& out, std::string_view input) {
  protocol_detail::put_header(out, input.size(), 'T');
  out.append(input);
}

struct frame {
  char kind = 0;
  std::string_view body;
};

/// The next complete frame at the start of `buffer`, if any; `*size` gets its length.
/// A frame whose announced body exceeds `max_body` sets `*oversized`.
[[nodiscard]] inline std::optional<frame> next_frame(std::string_view buffer, std::size_t max_body, std::size_t* size,
                                                     bool* oversized) {
  *oversized = false;
  if (buffer.size() < frame_header_size) return std::nullopt;
  const std::size_t body = protocol_detail::get_u32(buffer, 0);
  if (body > max_body) {
    *oversized = true;
    return std::nullopt;
  }
  if (buffer.size() < frame_header_size + body) return std::nullopt;
  *size = frame_header_size + body;
  return frame{buffer[4], buffer.substr(frame_header_size, body)};
}

/// Decodes an 'R' body; nullopt when it is malformed.
[[nodiscard]] inline std::optional<raw_result> decode_result(std::string_view body) {
  if (body.size() < 5) return std::nullopt;
  const auto outcome = static_cast<unsigned char>(body[0]);
  const std::size_t length = protocol_detail::get_u32(body, 1);
  if (5 + length > body.size() || outcome > 3) return std::nullopt;
  raw_result r;
  r.message.assign(body.substr(5, length));
  switch (outcome) {
    case 0:
      r.completed = true;  // outcome stays not_run: passed or wrong_answer is the scorer's call
      r.output.assign(body.substr(5 + length));
      break;
    case 1: r.outcome = test_outcome::runtime_error; break;
    case 2: r.outcome = test_outcome::memory_limit; break;
    default: r.outcome = test_outcome::output_limit; break;
  }
  return r;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE
