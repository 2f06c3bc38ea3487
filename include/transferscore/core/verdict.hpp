#pragma once
// What a scorer returns (score_result) and what the pipeline writes (verdict).

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/status.hpp>

#include <cstdint>
#include <string>
#include <utility>

TRANSFERSCORE_BEGIN_NAMESPACE

/// A scorer's judgement of one record. Scorers never throw for a bad record: they return
/// a result whose status says what went wrong, with the field and a message.
struct score_result {
  double score = 0.0;     ///< 1.0 / 0.0 for right / wrong, or a partial score (F1, ...)
  bool correct = false;   ///< the binary judgement used for accuracy and pass@k
  transferscore::status status = status::ok;
  std::string extracted;  ///< the answer span that was judged, empty when none was found
  json details;           ///< family-specific facts (an object, or null)
  std::string mode;       ///< set only when the scorer ran in a mode other than the one asked
  std::string field;      ///< for every status but ok: the field at fault ("reference.answer", "response")
  std::string message;    ///< for every status but ok: what happened, in one sentence

  [[nodiscard]] static score_result judged(bool is_correct, std::string extracted_answer = {}) {
    score_result r;
    r.correct = is_correct;
    r.score = is_correct ? 1.0 : 0.0;
    r.extracted = std::move(extracted_answer);
    return r;
  }
  /// The response holds no answer the scorer can read: the error names the field "response".
  [[nodiscard]] static score_result no_answer(std::string why) {
    score_result r;
    r.status = status::no_answer;
    r.field = "response";
    r.message = std::move(why);
    return r;
  }
  [[nodiscard]] static score_result malformed(std::string field_name, std::string why) {
    score_result r;
    r.status = status::malformed_record;
    r.field = std::move(field_name);
    r.message = std::move(why);
    return r;
  }
  /// Scoring would cost more than its budget; the field is what was too big ("response" unless said).
  [[nodiscard]] static score_result budget_exceeded(std::string why, std::string field_name = "response") {
    score_result r;
    r.status = status::budget_exceeded;
    r.field = std::move(field_name);
    r.message = std::move(why);
    return r;
  }
  /// The scorer failed; the field is what it was reading ("response" unless said).
  [[nodiscard]] static score_result failed(std::string why, std::string field_name = "response") {
    score_result r;
    r.status = status::runtime_error;
    r.field = std::move(field_name);
    r.message = std::move(why);
    return r;
  }
};

/// One output line: the identity of the record, the scorer and mode used, and the result.
struct verdict {
  json id;
  std::string benchmark;
  std::string model;
  std::int64_t sample = 0;
  std::string scorer;  ///< scorer family name, empty when none could be chosen
  std::string mode;    ///< "reference", "paper", or a family-specific variant
  std::string trace;   ///< the reasoning-trace policy that was applied
  score_result result;
  std::string source;
  std::uint64_t line = 0;
  /// `score --keep-response`: the verdict also carries the response as the model wrote it
  /// (reasoning trace included) and the gold, so that a report can show them. Off by default:
  /// the verdict line stays what other tools read.
  bool keeps_response = false;
  std::string response;
  json gold;

  /// Appends the verdict as one compact JSON object (no newline).
  void dump_to(std::string& out) const {
    out.append("{\"id\":");
    id.dump_to(out);
    out.append(",\"benchmark\":");
    detail::append_json_string(out, benchmark);
    out.append(",\"model\":");
    detail::append_json_string(out, model);
    out.append(",\"sample\":");
    detail::append_json_number(out, sample);
    out.append(",\"scorer\":");
    detail::append_json_string(out, scorer);
    out.append(",\"score\":");
    detail::append_json_number(out, result.score);
    out.append(result.correct ? ",\"correct\":true" : ",\"correct\":false");
    out.append(",\"status\":\"");
    out.append(to_string(result.status));
    out.append("\",\"extracted\":");
    detail::append_json_string(out, result.extracted);
    out.append(",\"mode\":");
    detail::append_json_string(out, mode);
    out.append(",\"trace\":");
    detail::append_json_string(out, trace);
    if (!result.details.is_null()) {
      out.append(",\"details\":");
      result.details.dump_to(out);
    }
    if (result.status != status::ok) {
      out.append(",\"error\":{\"file\":");
      detail::append_json_string(out, source);
      out.append(",\"line\":");
      detail::append_json_number(out, static_cast<std::int64_t>(line));
      out.append(",\"field\":");
      detail::append_json_string(out, result.field);
      out.append(",\"message\":");
      detail::append_json_string(out, result.message);
      out.push_back('}');
    }
    if (keeps_response) {
      out.append(",\"response\":");
      detail::append_json_string(out, response);
      out.append(",\"gold\":");
      gold.dump_to(out);
    }
    out.push_back('}');
  }
  [[nodiscard]] std::string dump() const {
    std::string out;
    dump_to(out);
    return out;
  }
};

TRANSFERSCORE_END_NAMESPACE
