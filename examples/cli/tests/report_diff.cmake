# `transferscore report --diff A B` end to end, without a browser (tests/report/browser_test.py
# opens such a page in one):
#   - two versions of a grader (tests/data/diff): the page's diff totals equal the totals of
#     `transferscore diff A B --format json` on the same files, every pattern of the JSON is on
#     the page, A's records (the page's verdicts) open in the browser, B's show their file:line;
#   - answers holding </script>, <!-- and markup stay text: the page keeps its two script elements;
#   - a comparison of a file with itself says there is no disagreement.
#   cmake -DCLI=<transferscore> -DDATA=<tests/data/diff> -DWORK=<dir> -P report_diff.cmake
file(MAKE_DIRECTORY ${WORK})
include(${CMAKE_CURRENT_LIST_DIR}/page_checks.cmake)
# The text of the table with this id.
function(table_of _page _id _out)
  string(FIND "${_page}" "id=\"${_id}\"" _at)
  if(_at LESS 0)
    message(FATAL_ERROR "no table ${_id}")
  endif()
  string(SUBSTRING "${_page}" ${_at} -1 _rest)
  string(FIND "${_rest}" "</table>" _end)
  string(SUBSTRING "${_rest}" 0 ${_end} _table)
  set(${_out} "${_table}" PARENT_SCOPE)
endfunction()

set(_new ${DATA}/verdicts/math500_new.jsonl)
set(_old ${DATA}/verdicts/math500_old.jsonl)

# 1. The diff's JSON, then the page.
execute_process(COMMAND ${CLI} diff ${_new} ${_old} --gold ${DATA}/records/math500.jsonl --format json -q
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _json ERROR_VARIABLE _err)
if(NOT _rc EQUAL 3)  # old has a bad line: the diff says some input was not compared
  message(FATAL_ERROR "diff: exit ${_rc}: ${_err}")
endif()
execute_process(COMMAND ${CLI} report ${_new} --diff ${_new} ${_old} --diff-gold ${DATA}/records/math500.jsonl
  --bootstrap 200 -o ${WORK}/diff.html RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "report --diff: exit ${_rc}: ${_err}")
endif()
string(JSON _paired GET "${_json}" totals paired)
string(JSON _disagreements GET "${_json}" totals disagreements)
expect("${_err}" "wrote [^\n]*diff.html .*; diff of ${_paired} paired records, ${_disagreements} disagreements" "summary line")
expect("${_err}" "math500_old.jsonl:4: score: expected a number" "the diff's summary names the bad line")
file(READ ${WORK}/diff.html _page)
expect("${_page}" "<a href=\"#diff\">Disagreements</a>.*<section id=\"diff\">.*<section id=\"verdicts\">" "the section, in the nav")
table_of("${_page}" diff-totals _totals)
foreach(_field paired disagreements only_a only_b duplicates_a duplicates_b unidentified_a unidentified_b bad_lines_a bad_lines_b)
  string(JSON _value GET "${_json}" totals ${_field})
  expect("${_totals}" "data-field=\"${_field}\">${_value}</td>" "totals ${_field} = ${_value} as in the JSON")
endforeach()
# Agreement is a fraction in the JSON (5 of 7 here), a percent with two decimals on the page.
string(JSON _agreement GET "${_json}" totals agreement)
expect("${_agreement}" "^0\\.71428" "the JSON's agreement")
expect("${_totals}" "data-field=\"agreement\">71.43</td>" "totals agreement (${_agreement})")
string(JSON _benchmarks LENGTH "${_json}" benchmarks)
set(_patterns 0)
math(EXPR _last "${_benchmarks} - 1")
foreach(_b RANGE ${_last})
  string(JSON _n LENGTH "${_json}" benchmarks ${_b} patterns)
  math(EXPR _patterns "${_patterns} + ${_n}")
  foreach(_c both_right a_only b_only both_wrong)
    string(JSON _value GET "${_json}" benchmarks ${_b} counts ${_c})
    table_of("${_page}" diff-table _table)
    expect("${_table}" "data-field=\"${_c}\">${_value}</td>" "per benchmark ${_c}")
  endforeach()
endforeach()
count_of("${_page}" "<details class=\"pattern\"" _shown)
if(NOT _shown EQUAL _patterns)
  message(FATAL_ERROR "${_shown} patterns on the page, the JSON has ${_patterns}")
endif()
expect("${_page}" "<td class=\"id\">prealgebra/1498</td><td class=\"num\">0</td><td class=\"gold\"><code>3,\\\\!250</code></td><td class=\"side-a\"><code>3250</code></td><td class=\"side-b\"><code>3250</code></td>"
       "a record side by side, with its gold")
expect("${_page}" "class=\"open-verdict\" data-row=\"[0-9]+\" data-side=\"a\" title=\"[^\"]*math500_new.jsonl:[0-9]+\">open A</button>" "A's records open in the browser")
expect("${_page}" "B: <code>[^<]*math500_old.jsonl:[0-9]+</code>" "B's records show file and line")

# 2. Markup in the answers.
file(WRITE ${WORK}/hostile-a.jsonl
  "{\"id\":\"h\",\"benchmark\":\"b\",\"model\":\"m\",\"score\":1,\"correct\":true,\"status\":\"ok\",\"extracted\":\"</script><script>alert(1)</script><!--\"}\n")
file(WRITE ${WORK}/hostile-b.jsonl
  "{\"id\":\"h\",\"benchmark\":\"b\",\"model\":\"m\",\"score\":0,\"correct\":false,\"status\":\"ok\",\"extracted\":\"<img src=x onerror=alert(2)>\"}\n")
execute_process(COMMAND ${CLI} report -q ${WORK}/hostile-a.jsonl --diff ${WORK}/hostile-a.jsonl ${WORK}/hostile-b.jsonl
  -o ${WORK}/hostile-diff.html RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "report --diff (hostile): exit ${_rc}: ${_err}")
endif()
file(READ ${WORK}/hostile-diff.html _page)
string(TOLOWER "${_page}" _lower)
count_of("${_lower}" "<script" _open)
count_of("${_lower}" "</script" _close)
count_of("${_page}" "<!--" _comments)
count_of("${_lower}" "<img" _images)
if(NOT _open EQUAL 2 OR NOT _close EQUAL 2 OR NOT _comments EQUAL 0 OR NOT _images EQUAL 0)
  message(FATAL_ERROR "hostile diff page: ${_open} <script, ${_close} </script, ${_comments} <!--, ${_images} <img (expected 2, 2, 0, 0)")
endif()
expect("${_page}" "<td class=\"side-a\"><code>&lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;&lt;!--</code></td><td class=\"side-b\"><code>&lt;img src=x onerror=alert\\(2\\)&gt;</code></td>"
       "the answers as text")

# 3. No disagreement.
execute_process(COMMAND ${CLI} report -q ${_new} --diff ${_new} ${_new} -o ${WORK}/same.html RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "report --diff (same): exit ${_rc}: ${_err}")
endif()
file(READ ${WORK}/same.html _page)
expect("${_page}" "id=\"diff-none\">No disagreement: A and B judge all [0-9]+ paired records alike.</p>" "no disagreement")
message(STATUS "report --diff: totals as the diff's JSON, patterns, links, escaping, no disagreement")
