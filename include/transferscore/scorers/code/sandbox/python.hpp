#pragma once
// Finding the Python the runner starts: `python3` (or the configured name) is looked up
// on PATH once, then run once, unsandboxed, to learn its real executable (a pyenv shim is
// a shell script: starting it per program would cost a shell and pyenv), its version, its
// installation directories (bound read-only into the sandbox) and its import path (the
// harness runs with -S for speed and restores the site directories from this list).

#include <transferscore/core/error.hpp>
#include <transferscore/scorers/code/sandbox/harness.hpp>
#include <transferscore/scorers/code/sandbox/layers.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

struct python_install {
  std::string executable;  // what the sandbox execs (sys.executable)
  std::string version;     // "3.11.2"
  std::vector<std::string> directories;  // to bind read-only
  std::vector<std::string> import_path;  // sys.path with site enabled
  std::string harness_code;  // the harness, compiled and marshaled by this interpreter
};

namespace python_detail {

inline bool executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

/// Runs `argv` (no shell) with stdout and stderr captured; gives up after `timeout`.
inline bool run_captured(const std::vector<std::string>& argv, std::string& out, int& exit_status,
                         std::chrono::milliseconds timeout) {
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 2);
  std::vector<char*> args;
  std::vector<std::string> copy = argv;
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  if (rc != 0) {
    ::close(pipefd[0]);
    return false;
  }
  const auto until = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{pipefd[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const ssize_t got = ::read(pipefd[0], buf, sizeof buf);
    if (got <= 0) break;
    if (out.size() < (1U << 20U)) out.append(buf, static_cast<std::size_t>(got));
  }
  ::close(pipefd[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  exit_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  return !timed_out;
}

inline constexpr std::string_view probe_script =
    "import sys\n"
    "print('executable=' + (sys.executable or ''))\n"
    "print('version=' + '.'.join(map(str, sys.version_info[:3])))\n"
    "for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix):\n"
    "    print('dir=' + p)\n"
    "for p in sys.path:\n"
    "    print('path=' + p)\n"
    "import marshal\n"
    "print('harness=' + marshal.dumps(compile(sys.argv[1], '<transferscore harness>', 'exec')).hex())\n";

}  // namespace python_detail

/// The interpreter `name` names: a path (with a '/') or a name looked up on PATH.
/// Throws config_error when there is none.
[[nodiscard]] inline std::string resolve_python(const std::string& name) {
  if (name.empty()) TRANSFERSCORE_THROW(config_error("python: an empty interpreter name"));
  if (name.find('/') != std::string::npos) {
    if (!python_detail::executable_file(name))
      TRANSFERSCORE_THROW(config_error("python=" + name + ": not an executable file"));
    return name;
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/" + name;
    if (python_detail::executable_file(candidate)) return candidate;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  TRANSFERSCORE_THROW(config_error(name + " was not found on PATH: install Python 3.9 or newer, or pass --set python=PATH"));
  return {};
}

/// Runs the interpreter once and reads what the sandbox needs. Throws config_error when it
/// does not run or is older than 3.9 (lcb_runner's rules need ast.unparse).
[[nodiscard]] inline python_install probe_python(const std::string& path) {
  namespace fs = std::filesystem;
  std::string out;
  int status = 0;
  const bool finished = python_detail::run_captured(
      {path, "-I", "-c", std::string(python_detail::probe_script), std::string(harness_source)}, out, status,
      std::chrono::seconds(60));
  if (!finished || status != 0)
    TRANSFERSCORE_THROW(config_error("python=" + path + " does not run (" +
                                     (finished ? "exit status " + std::to_string(status) : std::string("no answer in 60 s")) +
                                     ")" + (out.empty() ? "" : ": " + out.substr(0, 500))));
  python_install py;
  std::size_t at = 0;
  while (at < out.size()) {
    std::size_t end = out.find('\n', at);
    if (end == std::string::npos) end = out.size();
    const std::string_view line(out.data() + at, end - at);
    at = end + 1;
    auto value = [&](std::string_view key) -> std::optional<std::string> {
      if (line.substr(0, key.size()) == key) return std::string(line.substr(key.size()));
      return std::nullopt;
    };
    if (auto v = value("executable=")) py.executable = *v;
    if (auto v = value("version=")) py.version = *v;
    if (auto v = value("dir=")) py.directories.push_back(*v);
    if (auto v = value("path=")) py.import_path.push_back(*v);
    if (auto v = value("harness=")) {
      auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
      if (v->size() % 2 != 0 || v->find_first_not_of("0123456789abcdef") != std::string::npos) v->clear();
      for (std::size_t i = 0; i + 1 < v->size(); i += 2)
        py.harness_code.push_back(static_cast<char>(nibble((*v)[i]) * 16 + nibble((*v)[i + 1])));
    }
  }
  if (py.harness_code.empty())
    TRANSFERSCORE_THROW(config_error("python=" + path + " could not compile the runner's harness: " + out.substr(0, 500)));
  int major = 0, minor = 0;
  if (std::sscanf(py.version.c_str(), "%d.%d", &major, &minor) != 2 || major < 3 || (major == 3 && minor < 9))
    TRANSFERSCORE_THROW(config_error("python=" + path + " is Python " + py.version +
                                     "; the runner needs 3.9 or newer (lcb_runner's rules use ast.unparse)"));
  if (py.executable.empty() || py.executable[0] != '/' || !python_detail::executable_file(py.executable))
    py.executable = path;
  // Bind what the interpreter needs: its directory, the directory of what it links to,
  // its prefixes, its import path; both as named and resolved (symlinks inside stay valid).
  std::vector<std::string> dirs = py.directories;
  dirs.push_back(fs::path(py.executable).parent_path().string());
  std::error_code ec;
  const auto real = fs::canonical(py.executable, ec);
  if (!ec) dirs.push_back(real.parent_path().string());
  for (const auto& p : py.import_path) dirs.push_back(p);
  py.directories.clear();
  for (const auto& d : dirs) {
    if (d.empty() || d[0] != '/' || !fs::is_directory(d, ec)) continue;
    py.directories.push_back(d);
    const auto c = fs::canonical(d, ec);
    if (!ec && c.string() != d) py.directories.push_back(c.string());
  }
  return py;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
