#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

using transferscore::io::line_reader;
using transferscore::io::line_view;

namespace {
struct collected {
  std::vector<std::string> text;
  std::vector<std::uint64_t> number;
  std::vector<bool> too_long;
};

collected read_all(const std::string& content, std::size_t max_line = line_reader::default_max_line_bytes,
                    std::size_t chunk = 1 << 20) {
  std::FILE* f = std::tmpfile();
  std::fwrite(content.data(), 1, content.size(), f);
  std::rewind(f);
  line_reader reader(f, max_line, chunk);
  collected out;
  line_view line;
  while (reader.next(line)) {
    out.text.emplace_back(line.text);
    out.number.push_back(line.number);
    out.too_long.push_back(line.too_long);
  }
  std::fclose(f);
  return out;
}
}  // namespace

TEST_CASE("lines are split on LF, CRLF endings and a leading BOM are dropped") {
  auto got = read_all("\xEF\xBB\xBF{\"a\":1}\r\n{\"b\":2}\n\n{\"c\":3}");
  REQUIRE(got.text.size() == 4);
  CHECK(got.text[0] == "{\"a\":1}");
  CHECK(got.text[1] == "{\"b\":2}");
  CHECK(got.text[2].empty());
  CHECK(got.text[3] == "{\"c\":3}");  // no final newline: still a line
  CHECK(got.number == std::vector<std::uint64_t>{1, 2, 3, 4});
}

TEST_CASE("lines longer than the read chunk are reassembled") {
  std::string long_line(10000, 'x');
  auto got = read_all("a\n" + long_line + "\nb\n", line_reader::default_max_line_bytes, 64);
  REQUIRE(got.text.size() == 3);
  CHECK(got.text[1] == long_line);
  CHECK(got.text[2] == "b");
}

TEST_CASE("a line over the limit is reported and skipped, and the next lines are unaffected") {
  std::string huge(5000, 'y');
  auto got = read_all("first\n" + huge + "\nthird\n" + huge, 1000, 256);
  REQUIRE(got.text.size() == 4);
  CHECK(got.text[0] == "first");
  CHECK(got.too_long[1]);
  CHECK(got.text[2] == "third");
  CHECK(got.number[2] == 3);
  CHECK(got.too_long[3]);  // also at the very end, without a newline
}

TEST_CASE("every line is followed by the padding a read-ahead parser needs") {
  std::FILE* f = std::tmpfile();
  const std::string content = "a\n" + std::string(200, 'b') + "\nc";
  std::fwrite(content.data(), 1, content.size(), f);
  std::rewind(f);
  line_reader reader(f, line_reader::default_max_line_bytes, 16);  // small chunks: lines at the buffer's end
  line_view line;
  int n = 0;
  while (reader.next(line)) {
    ++n;
    CHECK(line.readable >= line.text.size() + line_reader::padding);
  }
  CHECK(n == 3);
  std::fclose(f);
}

TEST_CASE("an empty input has no lines") {
  CHECK(read_all("").text.empty());
}
