// The sandbox, layer by layer: the seccomp filter, Landlock, rlimits, the mount plan and
// the control protocol on their own (in a forked child, no Python), then each layer as the
// program sees it (namespaces, identity, filesystem view, limits, descriptors), then
// configurations with layers left out, to show that each one alone does its part.
#include <transferscore/transferscore.hpp>

#include "runner_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace code = transferscore::code;
using runner_fixture::stdin_test;

#if TRANSFERSCORE_SANDBOX_LINUX

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sb = transferscore::code::sandbox;

namespace {

/// Runs `body` in a forked child and returns its exit status (the child's own verdict).
template <class F>
int in_child(F body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) ::_exit(body());
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

const code::runner* full_runner() {
  static const std::optional<code::runner> r = [] {
    code::runner_options o;
    o.sandbox = code::sandbox_policy::best_effort;
    o.cpu_seconds_per_test = 4;
    o.wall_seconds_per_test = 4;
    o.max_processes = 32;
    o.work_dir_bytes = 2U << 20U;
    return runner_fixture::make_runner(o);
  }();
  return r ? &*r : nullptr;
}

bool has_layer(const code::runner& r, std::string_view name) {
  for (const auto& l : r.info().layers)
    if (l == name) return true;
  return false;
}

/// One line of the program's report: "key value".
std::string field(const std::string& report, const std::string& key) {
  const std::string head = key + " ";
  for (std::size_t at = 0; at < report.size();) {
    std::size_t end = report.find('\n', at);
    if (end == std::string::npos) end = report.size();
    if (report.compare(at, head.size(), head) == 0) return report.substr(at + head.size(), end - at - head.size());
    at = end + 1;
  }
  return "<missing " + key + ">";
}

std::string host_namespace(const char* kind) {
  std::error_code ec;
  return std::filesystem::read_symlink(std::string("/proc/self/ns/") + kind, ec).string();
}

const char* const report_program = R"py(
import os, sys
print("uid", os.getuid(), os.getgid())
print("uid_map", " ".join(open("/proc/self/uid_map").read().split()))
print("pid", os.getpid(), os.getppid())
print("pids", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
print("root", sorted(os.listdir("/")))
print("fds", sorted(int(f) for f in os.listdir("/proc/self/fd")))
status = dict(l.split(":\t", 1) for l in open("/proc/self/status").read().splitlines() if ":\t" in l)
for key in ("NoNewPrivs", "Seccomp", "CapEff", "CapBnd"):
    print(key, status.get(key, "").strip())
print("net", sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:] if l.strip()))
for kind in ("user", "pid", "net", "mnt", "ipc", "uts"):
    print("ns_" + kind, os.readlink("/proc/self/ns/" + kind))
print("host", os.uname().nodename)
limits = {l[:26].strip(): l[26:].split()[0] for l in open("/proc/self/limits").read().splitlines()[1:]}
for name in ("Max cpu time", "Max file size", "Max processes", "Max open files", "Max address space", "Max core file size", "Max stack size"):
    print(name.replace(" ", "_"), limits[name])
print("env", sorted(os.environ))
import posix
print("cwd", posix.getcwd())  # os.getcwd is one of the names reliability_guard sets to None
def attempt(f):
    try:
        f()
        return "ok"
    except OSError as e:
        return str(e.errno)
print("write_root", attempt(lambda: open("/evil", "w")))
print("write_usr", attempt(lambda: open("/usr/evil", "w")))
print("write_tmp", attempt(lambda: open("/tmp/fine", "w").write("x")))
print("fill_tmp", attempt(lambda: open("/tmp/big", "w").write("x" * (4 << 20))))
print("dev_null", attempt(lambda: open("/dev/null", "w").write("x")))
import socket
print("socket", attempt(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM)))
)py";

}  // namespace

TEST_CASE("seccomp: the filter refuses what it lists and allows the rest") {
  if (!sb::seccomp_available()) {
    MESSAGE("skipped: no seccomp filters here");
    return;
  }
  const auto filter = sb::build_seccomp_filter();
  const sb::bpf_program program{static_cast<unsigned short>(filter.size()), filter.data()};
  const int result = in_child([&] {
    if (sb::install_seccomp_filter(program) != 0) return 1;
    if (sb::sys::call(SYS_socket, AF_INET, SOCK_STREAM, 0) != -EACCES) return 2;
    if (sb::sys::call(SYS_socket, AF_UNIX, SOCK_STREAM, 0) != -EACCES) return 3;
    if (sb::sys::call(SYS_unshare, CLONE_NEWUSER) != -EPERM) return 4;
    if (sb::sys::call(SYS_mount, "none", "/tmp", "tmpfs", 0, nullptr) != -EPERM) return 5;
    if (sb::sys::call(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0) != -EPERM) return 6;
    if (sb::sys::call(sb::nr_clone3, nullptr, 0) != -ENOSYS) return 7;
    if (sb::sys::call(SYS_clone, CLONE_NEWNET | SIGCHLD, 0, 0, 0, 0) != -EPERM) return 8;
    if (sb::sys::call(SYS_getpid) <= 0) return 9;
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 10;  // socketpair stays allowed
    const pid_t child = ::fork();  // clone without a namespace flag stays allowed
    if (child == 0) ::_exit(0);
    if (child < 0) return 11;
    ::waitpid(child, nullptr, 0);
    return 0;
  });
  CHECK(result == 0);
}

TEST_CASE("Landlock: reads where allowed, writes only in the work directory") {
  const int abi = sb::landlock_abi_version();
  if (abi == 0) {
    MESSAGE("skipped: no Landlock here");
    return;
  }
  runner_fixture::canary_dir work, elsewhere;
  sb::landlock_plan plan;
  plan.abi = abi;
  plan.allow_read("/usr");
  const std::string work_dir = work.path.string();
  const std::string outside = (elsewhere.path / "x").string();
  const int result = in_child([&] {
    if (sb::apply_landlock(plan, work_dir.c_str()) != 0) return 1;
    const int usr = ::open("/usr", O_RDONLY | O_DIRECTORY);
    if (usr < 0) return 2;
    ::close(usr);
    if (::open("/etc/passwd", O_RDONLY) >= 0 || errno != EACCES) return 3;
    const int inside = ::open((work_dir + "/x").c_str(), O_CREAT | O_WRONLY, 0600);
    if (inside < 0) return 4;
    ::close(inside);
    if (::open(outside.c_str(), O_CREAT | O_WRONLY, 0600) >= 0 || errno != EACCES) return 5;
    if (abi >= 4) {  // no TCP connection anywhere
      const int s = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(9);
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 || errno != EACCES) return 6;
      ::close(s);
    }
    return 0;
  });
  CHECK(result == 0);
  CHECK(elsewhere.empty());
}

TEST_CASE("rlimits: applied with soft = hard") {
  sb::rlimit_plan plan;
  plan.set(RLIMIT_NOFILE, 64);
  plan.set(RLIMIT_CORE, 0);
  plan.set(RLIMIT_FSIZE, 1 << 20);
  plan.set(RLIMIT_NOFILE, 32);  // set again: replaced, not added
  CHECK(plan.count == 3);
  const int result = in_child([&] {
    if (sb::apply_rlimits(plan) != 0) return 1;
    rlimit l{};
    ::getrlimit(RLIMIT_NOFILE, &l);
    if (l.rlim_cur != 32 || l.rlim_max != 32) return 2;
    ::getrlimit(RLIMIT_FSIZE, &l);
    if (l.rlim_cur != (1 << 20) || l.rlim_max != (1 << 20)) return 3;
    l.rlim_cur = l.rlim_max = 64;
    if (::setrlimit(RLIMIT_NOFILE, &l) == 0 && ::geteuid() != 0) return 4;  // cannot be raised again
    return 0;
  });
  CHECK(result == 0);
}

TEST_CASE("the mount plan: system directories and Python read-only, devices, a capped work directory") {
  const auto plan = sb::make_mount_plan({"/usr/lib", "/nonexistent/dir"}, 3U << 20U);
  REQUIRE_FALSE(plan.root.empty());
  bool usr = false, null_device = false;
  for (const auto& b : plan.binds) {
    CHECK(b.target.rfind(plan.root + "/", 0) == 0);
    CHECK(b.source != "/nonexistent/dir");
    CHECK(b.source != "/usr/lib");  // inside /usr, which is bound already
    usr = usr || b.source == "/usr";
    null_device = null_device || (b.source == "/dev/null" && b.device);
  }
  CHECK(usr);
  CHECK(null_device);
  CHECK(plan.work_dir == plan.root + "/tmp");
  CHECK(plan.work_options.find("size=3145728") != std::string::npos);
}

TEST_CASE("the control protocol: frames out and results back") {
  const std::string p = sb::program_frame(code::harness::evalchemy, true, 1.5, 4096, "f", "def f(): pass");
  CHECK(p[4] == 'P');
  CHECK(p[5] == 1);     // evalchemy
  CHECK(p[6] == 1);     // functional
  CHECK(static_cast<unsigned char>(p[7]) + 256 * static_cast<unsigned char>(p[8]) == 1500);  // CPU ms
  CHECK(p.substr(p.size() - 13) == "def f(): pass");
  std::string reply;
  reply += std::string("\x0c\0\0\0R\x01\x05\0\0\0Boom!ab", 17);
  std::size_t size = 0;
  bool oversized = false;
  const auto f = sb::next_frame(reply, 1000, &size, &oversized);
  REQUIRE(f);
  CHECK(size == 17);
  CHECK(f->kind == 'R');
  const auto r = sb::decode_result(f->body);
  REQUIRE(r);
  CHECK_FALSE(r->completed);
  CHECK(r->outcome == code::test_outcome::runtime_error);
  CHECK(r->message == "Boom!");
  CHECK_FALSE(sb::next_frame(reply.substr(0, 10), 1000, &size, &oversized));  // incomplete
  CHECK_FALSE(sb::next_frame(reply, 4, &size, &oversized));
  CHECK(oversized);
  CHECK_FALSE(sb::decode_result(std::string("\x07\0\0\0\0", 5)));  // no such outcome
}

TEST_CASE("every layer as the program sees it") {
  const auto* r = full_runner();
  REQUIRE(r != nullptr);
  std::string layers;
  for (const auto& l : r->info().layers) layers += l + " ";
  MESSAGE("active layers: " << layers);
  const std::string report = runner_fixture::run(*r, code::harness::evalchemy, report_program, {stdin_test("")}).out();
  INFO(report);
  const auto& o = r->options();
  // Identity: never root; in a user namespace the uid maps to an unprivileged host uid.
  CHECK(field(report, "uid") == std::to_string(o.sandbox_uid) + " " + std::to_string(o.sandbox_gid));
  if (has_layer(*r, "userns")) {
    const std::string map = field(report, "uid_map");
    CHECK(map.rfind(std::to_string(o.sandbox_uid) + " ", 0) == 0);
    CHECK(map.find(" 0 ") == std::string::npos);
    CHECK(field(report, "ns_user") != host_namespace("user"));
  }
  if (has_layer(*r, "pidns")) {
    CHECK(field(report, "pid") == "2 1");  // our init is pid 1, the program pid 2
    CHECK(field(report, "pids") == "[1, 2]");
    CHECK(field(report, "ns_pid") != host_namespace("pid"));
  }
  if (has_layer(*r, "netns")) {
    CHECK(field(report, "net") == "['lo']");
    CHECK(field(report, "ns_net") != host_namespace("net"));
  }
  if (has_layer(*r, "mountns")) {
    CHECK(field(report, "ns_mnt") != host_namespace("mnt"));
    CHECK(field(report, "write_root") == "30");  // EROFS
    CHECK(field(report, "write_usr") == "30");
    CHECK(field(report, "write_tmp") == "ok");
    CHECK(field(report, "fill_tmp") == "28");  // ENOSPC: the work directory is capped
    CHECK(field(report, "cwd") == "/tmp");
    const std::string root = field(report, "root");
    CHECK(root.find("'home'") == std::string::npos);
    CHECK(root.find("'run'") == std::string::npos);
    CHECK(root.find("'var'") == std::string::npos);
  }
  if (has_layer(*r, "ipcns")) CHECK(field(report, "ns_ipc") != host_namespace("ipc"));
  if (has_layer(*r, "utsns")) {
    CHECK(field(report, "ns_uts") != host_namespace("uts"));
    CHECK(field(report, "host") == "sandbox");
  }
  if (has_layer(*r, "rlimits")) {
    CHECK(field(report, "Max_file_size") == std::to_string(o.file_bytes));
    CHECK(field(report, "Max_processes") == std::to_string(o.max_processes));
    CHECK(field(report, "Max_open_files") == std::to_string(o.max_open_files));
    CHECK(field(report, "Max_address_space") == std::to_string(o.memory_bytes));
    CHECK(field(report, "Max_core_file_size") == "0");
    CHECK(field(report, "Max_stack_size") == std::to_string(o.stack_bytes));
    CHECK(field(report, "Max_cpu_time") == "9");  // ceil(4) * (1 test + 1) + 1: the run's backstop
  }
  if (has_layer(*r, "seccomp")) {
    CHECK(field(report, "Seccomp") == "2");
    CHECK(field(report, "socket") == "13");  // EACCES
  }
  CHECK(field(report, "NoNewPrivs") == "1");
  CHECK(field(report, "CapEff") == "0000000000000000");
  CHECK(field(report, "CapBnd") == "0000000000000000");
  CHECK(field(report, "dev_null") == "ok");
  // Only stdin, stdout, stderr and the control socket (and the listing's own descriptor).
  CHECK(field(report, "fds") == "[0, 1, 2, 3, 4]");
  CHECK(field(report, "env") == "['HOME', 'LANG', 'OMP_NUM_THREADS', 'PATH', 'TMPDIR']");  // the last from reliability_guard
}

TEST_CASE("each layer alone stops a loopback connection") {
  const runner_fixture::loopback_listener listener;
  const std::string program = "import socket\ntry:\n    socket.socket().connect(('127.0.0.1', " +
                              std::to_string(listener.port) +
                              "))\n    print('connected')\nexcept OSError as e:\n    print(e.errno)\n";
  using L = code::sandbox_layer;
  struct config {
    const char* name;
    code::layer_set layers;
    L needed;
    const char* expected;  // errno the program sees
  };
  const config configs[] = {
      {"netns", {L::userns, L::pidns, L::netns, L::mountns}, L::netns, "101\n"},  // ENETUNREACH: lo is down
      {"landlock", {L::userns, L::pidns, L::mountns, L::landlock}, L::landlock, "13\n"},
      {"seccomp", {L::userns, L::pidns, L::mountns, L::seccomp}, L::seccomp, "13\n"},
      {"none of them", {L::userns, L::pidns, L::mountns}, L::userns, "connected\n"},
  };
  for (const auto& c : configs) {
    INFO("layers: " << std::string(c.name));
    code::runner_options o;
    o.sandbox = code::sandbox_policy::best_effort;
    o.layers = c.layers;
    std::string why;
    const auto r = runner_fixture::make_runner(o, &why);
    if (!r || !has_layer(*r, code::to_string(c.needed)) ||
        (c.needed == L::landlock && r->info().landlock_abi < 4)) {
      MESSAGE("skipped " << std::string(c.name) << ": the layer is not available here " << why);
      continue;
    }
    CHECK(runner_fixture::run(*r, code::harness::evalchemy, program, {stdin_test("")}).out() == c.expected);
    CHECK(listener.accepted() == (std::string(c.expected) == "connected\n"));
  }
}

TEST_CASE("without namespaces, Landlock confines the filesystem (the fallback)") {
  using L = code::sandbox_layer;
  code::runner_options o;
  o.sandbox = code::sandbox_policy::best_effort;
  o.layers = {L::uid_drop, L::rlimits, L::landlock, L::seccomp};
  std::string why;
  const auto r = runner_fixture::make_runner(o, &why);
  if (!r || !has_layer(*r, "landlock")) {
    MESSAGE("skipped: no runner with Landlock and without namespaces here: " << why);
    return;
  }
  CHECK(r->info().best_effort);
  CHECK_FALSE(r->info().missing.empty());
  runner_fixture::canary_dir canary;
  const std::string program =
      "import os\n"
      "def attempt(f):\n"
      "    try:\n        f()\n        return 'ok'\n"
      "    except OSError as e:\n        return str(e.errno)\n"
      "target = input().strip()\n"
      "print(attempt(lambda: open(os.path.join(target, 'evil'), 'w')))\n"
      "print(attempt(lambda: open('work-file', 'w').write('x')))\n"
      "print(attempt(lambda: open('" + std::string(TRANSFERSCORE_SOURCE_DIR) + "/README.md').read()))\n"
      "import posix\n"
      "print(posix.getcwd() != target)\n";
  const auto out = runner_fixture::run(*r, code::harness::evalchemy, program, {stdin_test(canary.path.string() + "\n")}).out();
  CHECK(out == "13\nok\n13\nTrue\n");
  CHECK(canary.empty());
}

TEST_CASE("as root without a user namespace: the switch to an unprivileged uid") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: not root");
    return;
  }
  code::runner_options o;
  o.sandbox = code::sandbox_policy::best_effort;
  o.layers = code::layer_set::all().remove(code::sandbox_layer::userns);
  std::string why;
  const auto r = runner_fixture::make_runner(o, &why);
  if (!r) {
    MESSAGE("skipped: " << why);
    return;
  }
  CHECK(has_layer(*r, "uid-drop"));
  CHECK_FALSE(has_layer(*r, "userns"));
  const auto out = runner_fixture::run(*r, code::harness::evalchemy,
                                       "import os\nprint(os.getuid(), os.geteuid(), os.getgid(), os.getgroups())",
                                       {stdin_test("")})
                       .out();
  CHECK(out == "65534 65534 65534 []\n");
}

TEST_CASE("sandbox=require refuses to start without every layer; best-effort says what is missing") {
  code::runner_options o;
  o.layers = code::layer_set::all().remove(code::sandbox_layer::seccomp);
  try {
    const code::runner r(o);
    FAIL("a runner without seccomp was made under sandbox=require");
  } catch (const transferscore::config_error& e) {
    CHECK(std::string(e.what()).find("sandbox=require") != std::string::npos);
    CHECK(std::string(e.what()).find("seccomp") != std::string::npos);
  }
  o.sandbox = code::sandbox_policy::best_effort;
  const auto r = runner_fixture::make_runner(o);
  REQUIRE(r);
  CHECK(r->info().best_effort);
  CHECK_FALSE(has_layer(*r, "seccomp"));
  REQUIRE_FALSE(r->info().missing.empty());
  CHECK(r->info().missing.back().rfind("seccomp: ", 0) == 0);
}

TEST_CASE("bad options are configuration errors") {
  code::runner_options o;
  o.cpu_seconds_per_test = 0;
  CHECK_THROWS_AS(code::runner{o}, transferscore::config_error);
  o = {};
  o.sandbox_uid = 0;
  CHECK_THROWS_AS(code::runner{o}, transferscore::config_error);
  o = {};
  o.python = "no-such-python-interpreter";
  CHECK_THROWS_WITH_AS(code::runner{o}, doctest::Contains("not found on PATH"), transferscore::config_error);
}

#else

TEST_CASE("the runner needs Linux: elsewhere making one is a configuration error") {
  CHECK_THROWS_AS(code::runner{code::runner_options{}}, transferscore::config_error);
}

#endif
