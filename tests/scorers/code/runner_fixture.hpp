#pragma once
// What the runner, sandbox and containment tests share: making a runner whose Python the
// sandbox can start (as root without a user namespace the program runs as an unprivileged
// uid, which cannot start a Python installed below /root: then another python3 on PATH is
// tried), running one program, and looking for what an attack may have left behind.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

namespace runner_fixture {

namespace code = transferscore::code;

/// Every python3 on PATH, in PATH order.
inline std::vector<std::string> pythons_on_path() {
  std::vector<std::string> out = {"python3"};
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    std::error_code ec;
    const auto candidate = std::filesystem::path(dir) / "python3";
    if (!dir.empty() && std::filesystem::exists(candidate, ec)) out.push_back(candidate.string());
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return out;
}

/// A runner with `options`, trying each python3 on PATH until one starts in this sandbox
/// configuration; nullopt (and the last reason in `*why`) when none does.
inline std::optional<code::runner> make_runner(code::runner_options options, std::string* why = nullptr) {
  std::string reason = "no python3 on PATH";
  for (const auto& python : pythons_on_path()) {
    options.python = python;
    try {
      return code::runner(options);
    } catch (const transferscore::config_error& e) {
      reason = e.what();
    }
  }
  if (why != nullptr) *why = reason;
  return std::nullopt;
}

struct outcome {
  std::vector<code::raw_result> results;
  code::run_report report;

  [[nodiscard]] const code::raw_result& first() const {
    REQUIRE_FALSE(results.empty());
    return results.front();
  }
  /// The output of a test that must have completed.
  [[nodiscard]] std::string out(std::size_t i = 0) const {
    REQUIRE(results.size() > i);
    INFO("message: " << results[i].message);
    CHECK(results[i].completed);
    return results[i].output;
  }
  /// Whether test `i` ended in a runtime error whose message contains `text`.
  [[nodiscard]] bool error_contains(const std::string& text, std::size_t i = 0) const {
    REQUIRE(results.size() > i);
    INFO("message: " << results[i].message);
    CHECK_FALSE(results[i].completed);
    CHECK(results[i].outcome == code::test_outcome::runtime_error);
    return results[i].message.find(text) != std::string::npos;
  }
};

inline outcome run(const code::runner& r, code::harness h, const std::string& program,
                   const std::vector<code::test_case>& tests, const std::string& fn_name = "") {
  outcome o;
  o.report = r.run({program, h, tests, fn_name}, [&](std::size_t i, const code::raw_result& res) {
    CHECK(i == o.results.size());
    o.results.push_back(res);
    return true;
  });
  INFO("runner error: " << o.report.error);
  CHECK(o.report.error.empty());
  return o;
}

inline code::test_case stdin_test(std::string input) {
  return {std::move(input), "", code::test_kind::stdin_io, false};
}

inline code::test_case call_test(std::string input) {
  return {std::move(input), "", code::test_kind::functional, false};
}

/// Host processes whose command line contains `marker` (an attack's leftovers).
inline int processes_with(const std::string& marker) {
  int found = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find(marker) != std::string::npos) ++found;
  }
  return found;
}

/// A host directory anyone may write to, removed when the test ends.
struct canary_dir {
  std::filesystem::path path;
  canary_dir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp != nullptr && tmp[0] == '/' ? tmp : "/tmp") + "/transferscore-canary-XXXXXX";
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
    std::filesystem::permissions(path, std::filesystem::perms::all);
  }
  ~canary_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  [[nodiscard]] bool empty() const { return std::filesystem::is_empty(path); }
};

/// A TCP listener on the host's loopback that programs try to reach.
struct loopback_listener {
  int fd = -1;
  int port = 0;
  loopback_listener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    REQUIRE(::listen(fd, 8) == 0);
    port = ntohs(a.sin_port);
  }
  loopback_listener(const loopback_listener&) = delete;
  loopback_listener& operator=(const loopback_listener&) = delete;
  ~loopback_listener() { ::close(fd); }
  /// Whether a connection came in since the last call.
  [[nodiscard]] bool accepted() const {
    const int c = ::accept(fd, nullptr, nullptr);
    if (c >= 0) ::close(c);
    return c >= 0;
  }
};

}  // namespace runner_fixture

#endif  // TRANSFERSCORE_SANDBOX_LINUX
