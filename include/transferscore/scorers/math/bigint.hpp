#pragma once
// Arbitrary-size signed integers for exact answer arithmetic. Small and plain on purpose:
// schoolbook multiplication, Knuth's long division, Euclid's gcd. Answers are short, so
// what matters is that every operation is charged to a work_budget and refuses to build a
// number above the digit cap, not asymptotic speed.
//
// Arithmetic is done by free functions that return false when the budget runs out; the
// output is then unspecified (and never used).

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/options.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

class bigint;
[[nodiscard]] inline bool add(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
[[nodiscard]] inline bool sub(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
[[nodiscard]] inline bool mul(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
[[nodiscard]] inline bool divmod(const bigint& a, const bigint& b, bigint& quotient, bigint& remainder, work_budget& budget);

namespace detail {

/// The limbs of a magnitude: up to four inline (128 bits, which covers almost every answer),
/// more on the heap. Only the operations bigint needs.
class limb_vector {
 public:
  static constexpr std::size_t inline_capacity = 4;

  limb_vector() noexcept = default;
  explicit limb_vector(std::size_t n, std::uint32_t value = 0) { assign(n, value); }
  limb_vector(const limb_vector& other) { copy_from(other); }
  limb_vector(limb_vector&& other) noexcept { steal(other); }
  limb_vector& operator=(const limb_vector& other) {
    if (this != &other) {
      size_ = 0;
      copy_from(other);
    }
    return *this;
  }
  limb_vector& operator=(limb_vector&& other) noexcept {
    if (this != &other) {
      release();
      steal(other);
    }
    return *this;
  }
  ~limb_vector() { release(); }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::uint32_t* data() noexcept { return data_; }
  [[nodiscard]] const std::uint32_t* data() const noexcept { return data_; }
  [[nodiscard]] std::uint32_t& operator[](std::size_t i) noexcept { return data_[i]; }
  [[nodiscard]] std::uint32_t operator[](std::size_t i) const noexcept { return data_[i]; }
  [[nodiscard]] std::uint32_t back() const noexcept { return data_[size_ - 1]; }
  [[nodiscard]] std::uint32_t* begin() noexcept { return data_; }
  [[nodiscard]] std::uint32_t* end() noexcept { return data_ + size_; }
  [[nodiscard]] const std::uint32_t* begin() const noexcept { return data_; }
  [[nodiscard]] const std::uint32_t* end() const noexcept { return data_ + size_; }

  void clear() noexcept { size_ = 0; }
  void pop_back() noexcept { --size_; }
  void push_back(std::uint32_t v) {
    reserve(size_ + 1);
    data_[size_++] = v;
  }
  void assign(std::size_t n, std::uint32_t value) {
    size_ = 0;
    reserve(n);
    for (std::size_t i = 0; i < n; ++i) data_[i] = value;
    size_ = n;
  }
  void resize(std::size_t n, std::uint32_t value = 0) {
    reserve(n);
    for (std::size_t i = size_; i < n; ++i) data_[i] = value;
    size_ = n;
  }

  friend bool operator==(const limb_vector& a, const limb_vector& b) noexcept {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i) {
      if (a.data_[i] != b.data_[i]) return false;
    }
    return true;
  }

 private:
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    std::size_t cap = capacity_ * 2;
    if (cap < n) cap = n;
    auto* fresh = new std::uint32_t[cap];
    for (std::size_t i = 0; i < size_; ++i) fresh[i] = data_[i];
    release();
    data_ = fresh;
    capacity_ = cap;
  }
  void release() noexcept {
    if (data_ != local_) delete[] data_;
    data_ = local_;
    capacity_ = inline_capacity;
  }
  void copy_from(const limb_vector& other) {
    reserve(other.size_);
    for (std::size_t i = 0; i < other.size_; ++i) data_[i] = other.data_[i];
    size_ = other.size_;
  }
  void steal(limb_vector& other) noexcept {
    if (other.data_ == other.local_) {
      for (std::size_t i = 0; i < other.size_; ++i) local_[i] = other.local_[i];
      data_ = local_;
      capacity_ = inline_capacity;
    } else {
      data_ = other.data_;
      capacity_ = other.capacity_;
      other.data_ = other.local_;
      other.capacity_ = inline_capacity;
    }
    size_ = other.size_;
    other.size_ = 0;
  }

  std::uint32_t local_[inline_capacity] = {};
  std::uint32_t* data_ = local_;
  std::size_t size_ = 0;
  std::size_t capacity_ = inline_capacity;
};

inline void trim(limb_vector& v) noexcept {
  while (!v.empty() && v.back() == 0) v.pop_back();
}

[[nodiscard]] inline int compare_magnitude(const limb_vector& a, const limb_vector& b) noexcept {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

inline void add_magnitude(const limb_vector& a, const limb_vector& b, limb_vector& out) {
  const limb_vector& longer = a.size() >= b.size() ? a : b;
  const limb_vector& shorter = a.size() >= b.size() ? b : a;
  limb_vector r(longer.size() + 1);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < longer.size(); ++i) {
    const std::uint64_t s = std::uint64_t{longer[i]} + (i < shorter.size() ? shorter[i] : 0u) + carry;
    r[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  r[longer.size()] = static_cast<std::uint32_t>(carry);
  trim(r);
  out = std::move(r);
}

/// out = a - b, requires |a| >= |b|.
inline void sub_magnitude(const limb_vector& a, const limb_vector& b, limb_vector& out) {
  limb_vector r(a.size());
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t d = std::int64_t{a[i]} - (i < b.size() ? std::int64_t{b[i]} : 0) - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += std::int64_t{1} << 32;
    r[i] = static_cast<std::uint32_t>(d);
  }
  trim(r);
  out = std::move(r);
}

inline void mul_magnitude(const limb_vector& a, const limb_vector& b, limb_vector& out) {
  if (a.empty() || b.empty()) {
    out.clear();
    return;
  }
  limb_vector r(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t ai = a[i];
    for (std::size_t j = 0; j < b.size(); ++j) {
      const std::uint64_t t = ai * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    r[i + b.size()] = static_cast<std::uint32_t>(carry);
  }
  trim(r);
  out = std::move(r);
}

/// v = v * m + add, in place.
inline void mul_add_small(limb_vector& v, std::uint32_t m, std::uint32_t add) {
  std::uint64_t carry = add;
  for (auto& limb : v) {
    const std::uint64_t t = std::uint64_t{limb} * m + carry;
    limb = static_cast<std::uint32_t>(t);
    carry = t >> 32;
  }
  if (carry != 0) v.push_back(static_cast<std::uint32_t>(carry));
  trim(v);
}

/// v = v / d in place; returns the remainder. d != 0.
inline std::uint32_t divmod_small(limb_vector& v, std::uint32_t d) noexcept {
  std::uint64_t rem = 0;
  for (std::size_t i = v.size(); i-- > 0;) {
    const std::uint64_t cur = (rem << 32) | v[i];
    v[i] = static_cast<std::uint32_t>(cur / d);
    rem = cur % d;
  }
  trim(v);
  return static_cast<std::uint32_t>(rem);
}

/// Knuth's algorithm D (after Hacker's Delight, divmnu): u = q*v + r with v.size() >= 2
/// and |u| >= |v|.
inline void divmod_magnitude(const limb_vector& u, const limb_vector& v, limb_vector& q, limb_vector& r) {
  const std::size_t n = v.size();
  const std::size_t m = u.size() - n;
  const int s = std::countl_zero(v.back());
  limb_vector vn(n), un(u.size() + 1);
  for (std::size_t i = n - 1; i > 0; --i) {
    vn[i] = static_cast<std::uint32_t>((std::uint64_t{v[i]} << s) | (std::uint64_t{v[i - 1]} >> (32 - s)));
  }
  vn[0] = static_cast<std::uint32_t>(std::uint64_t{v[0]} << s);
  un[m + n] = static_cast<std::uint32_t>(std::uint64_t{u[m + n - 1]} >> (32 - s));
  for (std::size_t i = m + n - 1; i > 0; --i) {
    un[i] = static_cast<std::uint32_t>((std::uint64_t{u[i]} << s) | (std::uint64_t{u[i - 1]} >> (32 - s)));
  }
  un[0] = static_cast<std::uint32_t>(std::uint64_t{u[0]} << s);

  constexpr std::uint64_t base = std::uint64_t{1} << 32;
  q.assign(m + 1, 0);
  for (std::size_t j = m + 1; j-- > 0;) {
    const std::uint64_t numerator = (std::uint64_t{un[j + n]} << 32) | un[j + n - 1];
    std::uint64_t qhat = numerator / vn[n - 1];
    std::uint64_t rhat = numerator % vn[n - 1];
    while (qhat >= base || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
      --qhat;
      rhat += vn[n - 1];
      if (rhat >= base) break;
    }
    std::int64_t k = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t p = qhat * vn[i];
      const std::int64_t t = std::int64_t{un[i + j]} - k - static_cast<std::int64_t>(p & 0xFFFFFFFFu);
      un[i + j] = static_cast<std::uint32_t>(t);
      k = static_cast<std::int64_t>(p >> 32) - (t >> 32);
    }
    const std::int64_t t = std::int64_t{un[j + n]} - k;
    un[j + n] = static_cast<std::uint32_t>(t);
    q[j] = static_cast<std::uint32_t>(qhat);
    if (t < 0) {  // qhat was one too large: add v back
      q[j] -= 1;
      std::uint64_t carry = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t sum = std::uint64_t{un[i + j]} + vn[i] + carry;
        un[i + j] = static_cast<std::uint32_t>(sum);
        carry = sum >> 32;
      }
      un[j + n] = static_cast<std::uint32_t>(std::uint64_t{un[j + n]} + carry);
    }
  }
  r.assign(n, 0);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    r[i] = static_cast<std::uint32_t>((std::uint64_t{un[i]} >> s) | ((std::uint64_t{un[i + 1]} << (32 - s)) & 0xFFFFFFFFu));
  }
  r[n - 1] = static_cast<std::uint32_t>(std::uint64_t{un[n - 1]} >> s);
  trim(q);
  trim(r);
}

}  // namespace detail

class bigint {
 public:
  bigint() noexcept = default;

  [[nodiscard]] static bigint from_u64(std::uint64_t v) {
    bigint r;
    if (v != 0) r.mag_.push_back(static_cast<std::uint32_t>(v));
    if ((v >> 32) != 0) r.mag_.push_back(static_cast<std::uint32_t>(v >> 32));
    return r;
  }
  [[nodiscard]] static bigint from_i64(std::int64_t v) {
    const std::uint64_t magnitude = v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
    bigint r = from_u64(magnitude);
    r.neg_ = v < 0;
    return r;
  }

  /// Reads ASCII decimal digits (nothing else); false when they exceed the digit cap.
  [[nodiscard]] static bool from_decimal(std::string_view digits, bigint& out, work_budget& budget) {
    out = bigint{};
    if (digits.size() > budget.caps().max_digits) return budget.fail("a number has more digits than max_digits");
    std::size_t start = 0;
    while (start < digits.size() && digits[start] == '0') ++start;
    digits.remove_prefix(start);
    if (!budget.charge(digits.size() * (digits.size() / 256 + 1))) return false;
    std::size_t head = digits.size() % 9;
    if (head == 0) head = 9;
    std::size_t pos = 0;
    while (pos < digits.size()) {
      const std::size_t len = pos == 0 ? std::min(head, digits.size()) : 9;
      std::uint32_t chunk = 0;
      std::uint32_t scale = 1;
      for (std::size_t i = 0; i < len; ++i) {
        chunk = chunk * 10 + static_cast<std::uint32_t>(digits[pos + i] - '0');
        scale *= 10;
      }
      detail::mul_add_small(out.mag_, scale, chunk);
      pos += len;
    }
    return true;
  }

  [[nodiscard]] bool is_zero() const noexcept { return mag_.empty(); }
  [[nodiscard]] bool negative() const noexcept { return neg_; }
  [[nodiscard]] int sign() const noexcept { return mag_.empty() ? 0 : (neg_ ? -1 : 1); }
  [[nodiscard]] bool is_odd() const noexcept { return !mag_.empty() && (mag_[0] & 1u) != 0; }
  [[nodiscard]] std::size_t limbs() const noexcept { return mag_.size(); }
  [[nodiscard]] bool is_one() const noexcept { return !neg_ && mag_.size() == 1 && mag_[0] == 1; }
  [[nodiscard]] bool magnitude_is(std::uint32_t v) const noexcept {
    return v == 0 ? mag_.empty() : (mag_.size() == 1 && mag_[0] == v);
  }
  [[nodiscard]] std::size_t bit_length() const noexcept {
    if (mag_.empty()) return 0;
    return (mag_.size() - 1) * 32 + static_cast<std::size_t>(32 - std::countl_zero(mag_.back()));
  }

  [[nodiscard]] std::optional<std::uint64_t> magnitude_u64() const noexcept {
    if (mag_.size() > 2) return std::nullopt;
    std::uint64_t v = 0;
    if (!mag_.empty()) v = mag_[0];
    if (mag_.size() == 2) v |= std::uint64_t{mag_[1]} << 32;
    return v;
  }
  [[nodiscard]] std::optional<std::int64_t> to_i64() const noexcept {
    auto m = magnitude_u64();
    if (!m) return std::nullopt;
    if (!neg_ && *m <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(*m);
    if (neg_ && *m <= static_cast<std::uint64_t>(INT64_MAX) + 1) return static_cast<std::int64_t>(~*m + 1);
    return std::nullopt;
  }

  /// The value as mantissa * 2^exponent with |mantissa| in [0.5, 1): no overflow at any size.
  [[nodiscard]] std::pair<double, std::int64_t> to_scaled_double() const noexcept {
    if (mag_.empty()) return {0.0, 0};
    // The top three limbs hold more than the 53 bits a double keeps.
    double m = 0.0;
    const std::size_t top = mag_.size();
    const std::size_t take = std::min<std::size_t>(3, top);
    for (std::size_t i = 0; i < take; ++i) m = m * 4294967296.0 + static_cast<double>(mag_[top - 1 - i]);
    int e = 0;
    m = std::frexp(m, &e);
    const std::int64_t exponent = static_cast<std::int64_t>(e) + static_cast<std::int64_t>(top - take) * 32;
    return {neg_ ? -m : m, exponent};
  }

  /// Decimal text.
  [[nodiscard]] std::string to_string() const {
    if (mag_.empty()) return "0";
    detail::limb_vector v = mag_;
    std::vector<std::uint32_t> chunks;
    while (!v.empty()) chunks.push_back(detail::divmod_small(v, 1000000000u));
    std::string out = neg_ ? "-" : "";
    out += std::to_string(chunks.back());
    for (std::size_t i = chunks.size() - 1; i-- > 0;) {
      std::string part = std::to_string(chunks[i]);
      out.append(9 - part.size(), '0');
      out += part;
    }
    return out;
  }

  void negate() noexcept {
    if (!mag_.empty()) neg_ = !neg_;
  }
  [[nodiscard]] bigint negated() const {
    bigint r = *this;
    r.negate();
    return r;
  }
  [[nodiscard]] bigint abs() const {
    bigint r = *this;
    r.neg_ = false;
    return r;
  }

  /// Divides by a small divisor in place, returning the remainder of the magnitude.
  std::uint32_t divide_small(std::uint32_t d) noexcept {
    const std::uint32_t r = detail::divmod_small(mag_, d);
    if (mag_.empty()) neg_ = false;
    return r;
  }

  friend int compare(const bigint& a, const bigint& b) noexcept {
    if (a.sign() != b.sign()) return a.sign() < b.sign() ? -1 : 1;
    const int c = detail::compare_magnitude(a.mag_, b.mag_);
    return a.neg_ ? -c : c;
  }
  friend int compare_abs(const bigint& a, const bigint& b) noexcept { return detail::compare_magnitude(a.mag_, b.mag_); }
  friend bool operator==(const bigint& a, const bigint& b) noexcept { return a.neg_ == b.neg_ && a.mag_ == b.mag_; }

  friend bool add(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
  friend bool sub(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
  friend bool mul(const bigint& a, const bigint& b, bigint& out, work_budget& budget);
  friend bool divmod(const bigint& a, const bigint& b, bigint& quotient, bigint& remainder, work_budget& budget);
  friend bool multiply_small(bigint& a, std::uint32_t m, work_budget& budget);

 private:
  static bool signed_add(const bigint& a, bool b_neg, const bigint& b, bigint& out, work_budget& budget) {
    if (!budget.charge(std::max(a.mag_.size(), b.mag_.size()) + 1)) return false;
    if (std::max(a.mag_.size(), b.mag_.size()) + 1 > budget.max_limbs()) {
      return budget.fail("a number has more digits than max_digits");
    }
    if (a.neg_ == b_neg) {
      detail::add_magnitude(a.mag_, b.mag_, out.mag_);
      out.neg_ = a.neg_ && !out.mag_.empty();
      return true;
    }
    const int c = detail::compare_magnitude(a.mag_, b.mag_);
    if (c == 0) {
      out.mag_.clear();
      out.neg_ = false;
    } else if (c > 0) {
      const bool sign = a.neg_;
      detail::sub_magnitude(a.mag_, b.mag_, out.mag_);
      out.neg_ = sign;
    } else {
      detail::sub_magnitude(b.mag_, a.mag_, out.mag_);
      out.neg_ = b_neg;
    }
    return true;
  }

  detail::limb_vector mag_;  // little-endian base 2^32, no leading zero limbs; empty is zero
  bool neg_ = false;
};

inline bool add(const bigint& a, const bigint& b, bigint& out, work_budget& budget) {
  return bigint::signed_add(a, b.neg_, b, out, budget);
}
inline bool sub(const bigint& a, const bigint& b, bigint& out, work_budget& budget) {
  return bigint::signed_add(a, !b.neg_ && !b.mag_.empty(), b, out, budget);
}
inline bool mul(const bigint& a, const bigint& b, bigint& out, work_budget& budget) {
  if (a.mag_.size() + b.mag_.size() > budget.max_limbs()) return budget.fail("a number has more digits than max_digits");
  if (!budget.charge(a.mag_.size() * b.mag_.size() + 1)) return false;
  const bool sign = a.neg_ != b.neg_;
  detail::mul_magnitude(a.mag_, b.mag_, out.mag_);
  out.neg_ = sign && !out.mag_.empty();
  return true;
}
inline bool multiply_small(bigint& a, std::uint32_t m, work_budget& budget) {
  if (a.mag_.size() + 1 > budget.max_limbs()) return budget.fail("a number has more digits than max_digits");
  if (!budget.charge(a.mag_.size() + 1)) return false;
  detail::mul_add_small(a.mag_, m, 0);
  if (a.mag_.empty()) a.neg_ = false;
  return true;
}
/// Truncating division: quotient rounds toward zero, remainder has the sign of a. b != 0.
inline bool divmod(const bigint& a, const bigint& b, bigint& quotient, bigint& remainder, work_budget& budget) {
  if (b.mag_.empty()) return budget.fail("division by zero inside big-integer arithmetic");
  const bool q_neg = a.neg_ != b.neg_;
  const bool r_neg = a.neg_;
  if (detail::compare_magnitude(a.mag_, b.mag_) < 0) {
    remainder = a;
    quotient = bigint{};
    return budget.charge(1);
  }
  if (!budget.charge((a.mag_.size() - b.mag_.size() + 1) * b.mag_.size() + 1)) return false;
  detail::limb_vector q, r;
  if (b.mag_.size() == 1) {
    q = a.mag_;
    const std::uint32_t rem = detail::divmod_small(q, b.mag_[0]);
    if (rem != 0) r.push_back(rem);
  } else {
    detail::divmod_magnitude(a.mag_, b.mag_, q, r);
  }
  quotient.mag_ = std::move(q);
  quotient.neg_ = q_neg && !quotient.mag_.empty();
  remainder.mag_ = std::move(r);
  remainder.neg_ = r_neg && !remainder.mag_.empty();
  return true;
}

/// Greatest common divisor, always non-negative.
[[nodiscard]] inline bool gcd(const bigint& a, const bigint& b, bigint& out, work_budget& budget) {
  bigint x = a.abs();
  bigint y = b.abs();
  while (!y.is_zero()) {
    auto xs = x.magnitude_u64();
    auto ys = y.magnitude_u64();
    if (xs && ys) {
      out = bigint::from_u64(std::gcd(*xs, *ys));
      return true;
    }
    bigint q, r;
    if (!divmod(x, y, q, r, budget)) return false;
    x = std::move(y);
    y = std::move(r);
  }
  out = std::move(x);
  return true;
}

/// a^e for a non-negative exponent; refuses results above the digit cap before computing them.
[[nodiscard]] inline bool pow(const bigint& a, std::uint64_t e, bigint& out, work_budget& budget) {
  if (e == 0) {
    out = bigint::from_u64(1);
    return true;
  }
  if (a.is_zero() || a.magnitude_is(1)) {
    out = a;
    if (a.negative() && e % 2 == 0) out.negate();
    return true;
  }
  if (e > budget.caps().max_exponent) return budget.fail("an exponent is larger than max_exponent");
  const double bits = static_cast<double>(a.bit_length() - 1) * static_cast<double>(e);
  if (bits / 32.0 > static_cast<double>(budget.max_limbs())) return budget.fail("a power has more digits than max_digits");
  bigint result = bigint::from_u64(1);
  bigint base = a;
  while (true) {
    if ((e & 1u) != 0) {
      if (!mul(result, base, result, budget)) return false;
    }
    e >>= 1;
    if (e == 0) break;
    if (!mul(base, base, base, budget)) return false;
  }
  out = std::move(result);
  return true;
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
