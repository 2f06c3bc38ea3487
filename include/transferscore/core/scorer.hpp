#pragma once
// The extension point: a scorer is any type with `score(sample) -> score_result` and
// `name()`. No base class, no registration, no macros. any_scorer erases the type so a
// registry can hold scorers chosen at run time.

#include <transferscore/config.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/verdict.hpp>

#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

TRANSFERSCORE_BEGIN_NAMESPACE

/// `score` is const so that one scorer object can be shared by every thread.
template <class S, class Sample = record>
concept scorer = requires(const S& s, const Sample& sample) {
  { s.score(sample) } -> std::convertible_to<score_result>;
  { s.name() } -> std::convertible_to<std::string_view>;
};

/// A type-erased, cheaply copyable, thread-safe handle to any scorer<Sample>.
template <class Sample = record>
class any_scorer {
 public:
  any_scorer() = default;

  template <class S>
    requires(!std::same_as<std::remove_cvref_t<S>, any_scorer> && scorer<std::remove_cvref_t<S>, Sample>)
  any_scorer(S&& s)  // NOLINT(google-explicit-constructor): wrapping is the point
      : impl_(std::make_shared<model<std::remove_cvref_t<S>>>(std::forward<S>(s))) {}

  [[nodiscard]] score_result score(const Sample& sample) const { return impl_->score(sample); }
  [[nodiscard]] std::string_view name() const { return impl_->name(); }
  [[nodiscard]] explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  struct concept_t {
    virtual ~concept_t() = default;
    [[nodiscard]] virtual score_result score(const Sample& sample) const = 0;
    [[nodiscard]] virtual std::string_view name() const = 0;
  };
  template <class S>
  struct model final : concept_t {
    template <class T>
    explicit model(T&& t) : scorer_(std::forward<T>(t)) {}
    [[nodiscard]] score_result score(const Sample& sample) const override { return scorer_.score(sample); }
    [[nodiscard]] std::string_view name() const override { return scorer_.name(); }
    S scorer_;
  };
  std::shared_ptr<const concept_t> impl_;
};

/// Wraps a callable `Sample -> score_result` into a named scorer, for quick custom scorers.
template <class Sample, class F>
  requires std::is_invocable_r_v<score_result, const F&, const Sample&>
[[nodiscard]] auto make_scorer(std::string name, F f) {
  struct lambda_scorer {
    std::string name_;
    F f_;
    [[nodiscard]] score_result score(const Sample& s) const { return f_(s); }
    [[nodiscard]] std::string_view name() const noexcept { return name_; }
  };
  return lambda_scorer{std::move(name), std::move(f)};
}

TRANSFERSCORE_END_NAMESPACE
