#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace rp = transferscore::report;
using kind = rp::response_piece::kind;

namespace {

std::string_view answer_of(std::string_view response, const rp::answer_location& at) {
  return at.found() ? response.substr(at.begin, at.end - at.begin) : std::string_view();
}

/// The pieces put back together, with "[cut N]" where text was left out.
std::string joined(const std::vector<rp::response_piece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.what == kind::cut) out += "[cut " + std::to_string(p.cut_chars) + "]";
    else out += p.text;
  }
  return out;
}

std::size_t kept_chars(const std::vector<rp::response_piece>& pieces) {
  std::size_t n = 0;
  for (const auto& p : pieces) {
    for (char c : p.text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("the scored part starts after the last closing tag of the trace policy the verdict names") {
  const std::string r = "<think>maybe 12, or 15</think>The answer is \\boxed{15}.";
  const auto at = rp::locate_answer(r, "15", "last-close");
  CHECK(at.scored_from == r.find("The answer"));
  CHECK(answer_of(r, at) == "15");
  CHECK(at.begin == r.find("{15}") + 1);  // the boxed one, not the 15 in the trace
  CHECK_FALSE(at.ignoring_case);
}

TEST_CASE("trace none and unknown trace texts score the whole response; an unterminated trace scored nothing") {
  const std::string r = "<think>12</think> so 12";
  CHECK(rp::locate_answer(r, "12", "none").scored_from == 0);
  CHECK(rp::locate_answer(r, "12", "none").begin == r.rfind("12"));
  CHECK(rp::locate_answer(r, "12", "some other tool's policy").scored_from == 0);
  const std::string open = "<think>still thinking about 12";
  CHECK(rp::locate_answer(open, "", "last-close").scored_from == open.size());
  CHECK(rp::locate_answer(open, "12", "last-close+score-unterminated").scored_from == 0);
  CHECK(rp::locate_answer(open, "12", "last-close+score-unterminated").found());
  const std::string custom = "<reason>7</reason> is 8";
  CHECK(rp::locate_answer(custom, "8", "last-close:<reason>...</reason>").scored_from == custom.find(" is 8"));
}

TEST_CASE("the last occurrence that stands alone wins over one inside a word or a number") {
  const std::string r = "Answer B. Because Bob said so, the choice is B, not Bx";
  const auto at = rp::locate_answer(r, "B", "none");
  CHECK(at.begin == r.find("is B") + 3);
  const std::string n = "x = 7, and 17 is not it: 7 items, 170";
  CHECK(rp::locate_answer(n, "7", "none").begin == n.find(": 7") + 2);
  // Inside a word only: the last one anyway.
  const std::string w = "about 17 and 27";
  CHECK(rp::locate_answer(w, "7", "none").begin == w.size() - 1);
}

TEST_CASE("an answer the scorer lowercased is found without regard to case; a normalised one is not found") {
  const std::string r = "The capital is Paris.";
  const auto at = rp::locate_answer(r, "paris", "none");
  CHECK(at.found());
  CHECK(at.ignoring_case);
  CHECK(answer_of(r, at) == "Paris");
  CHECK_FALSE(rp::locate_answer("\\frac{1}{2}", "1/2", "none").found());
  CHECK_FALSE(rp::locate_answer("anything", "", "none").found());
}

TEST_CASE("a short response is one run per kind: trace, scored text, answer") {
  const std::string r = "<think>t</think>so \\boxed{4} done";
  const auto at = rp::locate_answer(r, "4", "last-close");
  const auto pieces = rp::response_pieces(r, at, 2000);
  REQUIRE(pieces.size() == 4);
  CHECK(pieces[0].what == kind::unscored);
  CHECK(pieces[0].text == "<think>t</think>");
  CHECK(pieces[1].what == kind::scored);
  CHECK(pieces[1].text == "so \\boxed{");
  CHECK(pieces[2].what == kind::answer);
  CHECK(pieces[2].text == "4");
  CHECK(pieces[3].what == kind::scored);
  CHECK(pieces[3].text == "} done");
  CHECK(joined(pieces) == r);
  CHECK(rp::response_pieces("", {}, 10).empty());
}

TEST_CASE("a long response keeps its head, the answer with its surroundings and its tail, within the limit") {
  const std::string filler(10000, 'x');
  const std::string r = filler + " the answer is 42 " + filler;
  const auto at = rp::locate_answer(r, "42", "none");
  REQUIRE(at.found());
  const auto pieces = rp::response_pieces(r, at, 400);
  CHECK(kept_chars(pieces) <= 400);
  CHECK(kept_chars(pieces) >= 390);
  std::size_t cut = 0, answers = 0;
  for (const auto& p : pieces) {
    cut += p.cut_chars;
    if (p.what == kind::answer) {
      ++answers;
      CHECK(p.text == "42");
    }
  }
  CHECK(answers == 1);
  CHECK(cut + kept_chars(pieces) == r.size());  // every character is either kept or counted as cut
  CHECK(pieces.front().what != kind::cut);      // the head
  CHECK(pieces.back().what != kind::cut);       // the tail
  CHECK(joined(pieces).substr(0, 100) == filler.substr(0, 100));
}

TEST_CASE("an answer near the end merges its window with the tail; without an answer, head and tail") {
  // Appended, not operator+ on a temporary: g++ 12 at -O2 reports a false -Warray-bounds there.
  std::string r(5000, 'a');
  r.append(" \\boxed{9}");
  const auto at = rp::locate_answer(r, "9", "none");
  const auto pieces = rp::response_pieces(r, at, 200);
  CHECK(kept_chars(pieces) <= 200);
  REQUIRE(pieces.size() == 5);  // head, cut, scored, answer, scored
  CHECK(pieces[1].what == kind::cut);
  CHECK(pieces[3].what == kind::answer);

  const auto plain = rp::response_pieces(std::string(1000, 'b'), {}, 100);
  REQUIRE(plain.size() == 3);
  CHECK(plain[0].text.size() == 50);
  CHECK(plain[1].cut_chars == 900);
  CHECK(plain[2].text.size() == 50);
  CHECK(rp::response_pieces(std::string(1000, 'b'), {}, 0).size() == 1);  // 0: no limit
}

TEST_CASE("cuts count characters and never split one") {
  std::string r;
  for (int i = 0; i < 300; ++i) r += "é😀";  // 2 and 4 bytes
  const auto pieces = rp::response_pieces(r, {}, 101);
  std::size_t cut = 0;
  for (const auto& p : pieces) {
    cut += p.cut_chars;
    if (p.what == kind::cut) continue;
    // Each kept run starts and ends on a character boundary.
    CHECK((static_cast<unsigned char>(p.text.front()) & 0xC0) != 0x80);
    const std::size_t after = static_cast<std::size_t>(p.text.data() - r.data()) + p.text.size();
    CHECK((after == r.size() || (static_cast<unsigned char>(r[after]) & 0xC0) != 0x80));
  }
  CHECK(kept_chars(pieces) == 101);
  CHECK(cut == 600 - 101);

  std::size_t gold_cut = 0;
  CHECK(rp::cut_text("ééé", 2, gold_cut) == "éé");
  CHECK(gold_cut == 1);
  CHECK(rp::cut_text("ééé", 0, gold_cut) == "ééé");
  CHECK(gold_cut == 0);
}
