#pragma once
// The sandbox's seccomp-bpf filter, written by hand (no libseccomp). It is a deny list:
// namespaces, Landlock and rlimits are the boundary, and this layer removes the kernel
// interfaces that boundary does not need and that attacks go through (mount, ptrace, bpf,
// perf, keyrings, io_uring, user namespaces inside the sandbox, module loading, handle-based
// opens, ...), and every socket() (no program of a code benchmark needs one). An allow
// list would also be a boundary, but it breaks honest programs whenever Python or a
// library starts using a new system call; see docs/sandbox.md.

#include <transferscore/scorers/code/sandbox/system.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <cstdint>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

/// One classic-BPF instruction (the layout of the kernel's struct sock_filter).
struct bpf_instruction {
  std::uint16_t code;
  std::uint8_t jt;
  std::uint8_t jf;
  std::uint32_t k;
};

/// The layout of struct sock_fprog.
struct bpf_program {
  unsigned short length;
  const bpf_instruction* filter;
};

namespace seccomp_abi {
inline constexpr std::uint16_t ld_w_abs = 0x20;   // BPF_LD | BPF_W | BPF_ABS
inline constexpr std::uint16_t jeq_k = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
inline constexpr std::uint16_t jge_k = 0x35;      // BPF_JMP | BPF_JGE | BPF_K
inline constexpr std::uint16_t jset_k = 0x45;     // BPF_JMP | BPF_JSET | BPF_K
inline constexpr std::uint16_t ret_k = 0x06;      // BPF_RET | BPF_K
inline constexpr std::uint32_t ret_allow = 0x7fff0000U;
inline constexpr std::uint32_t ret_errno = 0x00050000U;
inline constexpr std::uint32_t ret_kill_process = 0x80000000U;
inline constexpr std::uint32_t offset_nr = 0;    // struct seccomp_data
inline constexpr std::uint32_t offset_arch = 4;
inline constexpr std::uint32_t offset_arg0_low = 16;  // little-endian low word of args[0]
#if defined(__x86_64__)
inline constexpr std::uint32_t audit_arch = 0xC000003EU;  // AUDIT_ARCH_X86_64
inline constexpr bool supported = true;
#elif defined(__aarch64__)
inline constexpr std::uint32_t audit_arch = 0xC00000B7U;  // AUDIT_ARCH_AARCH64
inline constexpr bool supported = true;
#else
inline constexpr std::uint32_t audit_arch = 0;
inline constexpr bool supported = false;
#endif
// Every CLONE_NEW* flag clone(2) takes in its first argument.
inline constexpr std::uint32_t clone_namespace_flags =
    static_cast<std::uint32_t>(abi::clone_newns | abi::clone_newuts | abi::clone_newipc | abi::clone_newuser |
                               abi::clone_newpid | abi::clone_newnet) |
    0x02000000U;  // CLONE_NEWCGROUP
}  // namespace seccomp_abi

struct denied_syscall {
  long number;
  int error;  // the errno the call fails with
};

/// The system calls the filter refuses, with the error each returns.
[[nodiscard]] inline std::vector<denied_syscall> denied_syscalls() {
  constexpr int eperm = 1, eacces = 13, enosys = 38;
  std::vector<denied_syscall> d = {
      {SYS_ptrace, eperm},          {SYS_process_vm_readv, eperm},
      {SYS_process_vm_writev, eperm}, {438 /* pidfd_getfd */, eperm},
      {SYS_mount, eperm},           {SYS_umount2, eperm},
      {SYS_pivot_root, eperm},      {SYS_chroot, eperm},
      {SYS_unshare, eperm},         {SYS_setns, eperm},
      {SYS_kexec_load, eperm},      {SYS_init_module, eperm},
      {SYS_finit_module, eperm},    {SYS_delete_module, eperm},
      {SYS_bpf, eperm},             {SYS_perf_event_open, eperm},
      {SYS_userfaultfd, eperm},     {SYS_keyctl, eperm},
      {SYS_add_key, eperm},         {SYS_request_key, eperm},
      {425 /* io_uring_setup */, eperm}, {426 /* io_uring_enter */, eperm},
      {427 /* io_uring_register */, eperm}, {428 /* open_tree */, eperm},
      {429 /* move_mount */, eperm}, {430 /* fsopen */, eperm},
      {431 /* fsconfig */, eperm},  {432 /* fsmount */, eperm},
      {433 /* fspick */, eperm},    {nr_mount_setattr, eperm},
      {443 /* quotactl_fd */, eperm}, {SYS_open_by_handle_at, eperm},
      {SYS_name_to_handle_at, eperm}, {SYS_reboot, eperm},
      {SYS_swapon, eperm},          {SYS_swapoff, eperm},
      {SYS_acct, eperm},            {SYS_quotactl, eperm},
      {SYS_syslog, eperm},          {SYS_vhangup, eperm},
      {SYS_fanotify_init, eperm},   {SYS_personality, eperm},
      {SYS_settimeofday, eperm},    {SYS_clock_settime, eperm},
      {SYS_clock_adjtime, eperm},   {SYS_adjtimex, eperm},
      {SYS_socket, eacces},         {nr_clone3, enosys},  // clone3's flags are out of reach: glibc falls back to clone
  };
#if defined(__x86_64__)
  d.push_back({SYS_kexec_file_load, eperm});
  d.push_back({SYS_iopl, eperm});
  d.push_back({SYS_ioperm, eperm});
  d.push_back({SYS_modify_ldt, eperm});
  d.push_back({SYS_uselib, eperm});
  d.push_back({SYS_lookup_dcookie, eperm});
#elif defined(__aarch64__)
  d.push_back({SYS_kexec_file_load, eperm});
  d.push_back({SYS_lookup_dcookie, eperm});
#endif
  return d;
}

/// The filter program: the architecture check (another ABI kills the process), one test
/// per denied call, clone with a CLONE_NEW* flag refused, everything else allowed.
[[nodiscard]] inline std::vector<bpf_instruction> build_seccomp_filter() {
  using namespace seccomp_abi;
  std::vector<bpf_instruction> p;
  auto op = [&p](std::uint16_t code, std::uint32_t k, std::uint8_t jt = 0, std::uint8_t jf = 0) {
    p.push_back({code, jt, jf, k});
  };
  op(ld_w_abs, offset_arch);
  op(jeq_k, audit_arch, 1, 0);
  op(ret_k, ret_kill_process);
  op(ld_w_abs, offset_nr);
#if defined(__x86_64__)
  op(jge_k, 0x40000000U, 0, 1);  // the x32 ABI: another syscall table, refused wholesale
  op(ret_k, ret_kill_process);
#endif
  for (const auto& d : denied_syscalls()) {
    op(jeq_k, static_cast<std::uint32_t>(d.number), 0, 1);
    op(ret_k, ret_errno | static_cast<std::uint32_t>(d.error));
  }
  op(jeq_k, static_cast<std::uint32_t>(SYS_clone), 0, 3);
  op(ld_w_abs, offset_arg0_low);
  op(jset_k, clone_namespace_flags, 0, 1);
  op(ret_k, ret_errno | 1U);
  op(ret_k, ret_allow);
  return p;
}

/// Sets no_new_privs and installs `program` on the calling thread (and what it execs).
/// Async-signal-safe: callable between fork and exec. Returns 0 or -errno.
inline long install_seccomp_filter(const bpf_program& program) noexcept {
  constexpr long seccomp_set_mode_filter = 1;
  const long r = sys::call(SYS_prctl, abi::pr_set_no_new_privs, 1, 0, 0, 0);
  if (r < 0) return r;
  return sys::call(SYS_seccomp, seccomp_set_mode_filter, 0, &program);
}

/// Whether this build and kernel can filter: a known architecture and seccomp filters
/// compiled in (PR_GET_SECCOMP answers instead of failing with EINVAL).
[[nodiscard]] inline bool seccomp_available() noexcept {
  if (!seccomp_abi::supported) return false;
  return sys::call(SYS_prctl, abi::pr_get_seccomp, 0, 0, 0, 0) >= 0;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
